# With a plain iterator (no throw()), the delegator checks throw()'s arguments itself:
# the TypeError goes to the caller and the delegator is untouched.
import inspect


def delegator():
    try:
        yield from [1, 2]
    except TypeError:
        print("not reached")


g = delegator()
next(g)
try:
    g.throw(ValueError("x"), "extra")
except TypeError as e:
    print("caller got:", e)
print(inspect.getgeneratorstate(g))
print(next(g))
