# An exception raised by the body reaches the caller of next() and closes the generator.
import inspect


def gen():
    yield 1
    raise KeyError("inside")


g = gen()
next(g)
try:
    next(g)
except KeyError as e:
    print("KeyError", e)
print(inspect.getgeneratorstate(g))
print(next(g, "no more"))
