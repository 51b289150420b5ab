# throw() into a just-created generator closes it: no try, except or finally in it runs.
import inspect


def gen():
    try:
        print("never printed")
        yield
    except ValueError:
        print("never caught")
    finally:
        print("never finalised")


g = gen()
try:
    g.throw(ValueError("early"))
except ValueError as e:
    print("raised to caller:", e)
print(inspect.getgeneratorstate(g))
