# A generator that yields while closing: RuntimeError("generator ignored GeneratorExit"),
# and it stays suspended at that yield.
import inspect


def stubborn():
    try:
        yield 1
    finally:
        yield "from finally"


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("RuntimeError:", e)
    print("context:", e.__context__)
print(inspect.getgeneratorstate(g))
