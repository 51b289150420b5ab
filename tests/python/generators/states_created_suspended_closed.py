# A generator is CREATED, then SUSPENDED at each yield, then CLOSED when it returns.
import inspect


def gen():
    yield 1
    yield 2


g = gen()
print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
for _ in g:
    pass
print(inspect.getgeneratorstate(g))
