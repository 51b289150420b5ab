# close() on a just-created generator closes it without running its finally.
import inspect


def gen():
    try:
        yield
    finally:
        print("never printed")


g = gen()
g.close()
print(inspect.getgeneratorstate(g))
