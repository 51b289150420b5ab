# throw(instance, value) is refused before the generator is touched.
import inspect


def gen():
    yield


g = gen()
next(g)
try:
    g.throw(ValueError("x"), "v")
except TypeError as e:
    print("TypeError:", e)
print(inspect.getgeneratorstate(g))
