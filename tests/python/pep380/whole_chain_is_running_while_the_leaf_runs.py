# While the innermost generator runs, every generator of the chain is RUNNING.
import inspect


def leaf():
    print("leaf:", inspect.getgeneratorstate(inner), "outer:", inspect.getgeneratorstate(top))
    yield


def outer():
    yield from inner


inner = leaf()
top = outer()
next(top)
print("after:", inspect.getgeneratorstate(inner), inspect.getgeneratorstate(top))
