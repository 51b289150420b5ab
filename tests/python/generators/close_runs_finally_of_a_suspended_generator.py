# close() raises GeneratorExit at the paused yield: finally blocks run.
import inspect


def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


g = gen()
next(g)
print(g.close())
print(inspect.getgeneratorstate(g))
