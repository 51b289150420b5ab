# Seen from inside its own body, a generator is RUNNING.
import inspect


def gen():
    print("inside:", inspect.getgeneratorstate(me))
    yield


me = gen()
next(me)
print("outside:", inspect.getgeneratorstate(me))
