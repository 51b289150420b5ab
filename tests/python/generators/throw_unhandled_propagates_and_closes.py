# An exception the body does not handle comes out of throw() and closes the generator.
import inspect


def gen():
    try:
        yield
    finally:
        print("finally ran")


g = gen()
next(g)
try:
    g.throw(RuntimeError("out"))
except RuntimeError as e:
    print("caller got:", e)
print(inspect.getgeneratorstate(g))
