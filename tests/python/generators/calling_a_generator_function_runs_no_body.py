# Calling a generator function only creates the generator: no line of the body runs.
import inspect


def countdown(n):
    print("body started")
    while n > 0:
        yield n
        n -= 1


g = countdown(3)
print("created:", inspect.getgeneratorstate(g))
print("first value:", next(g))
