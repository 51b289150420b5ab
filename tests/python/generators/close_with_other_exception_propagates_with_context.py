# An exception raised while closing comes out of close(), its context the GeneratorExit.
def gen():
    try:
        yield
    except GeneratorExit:
        raise ValueError("while closing")


g = gen()
next(g)
try:
    g.close()
except ValueError as e:
    print("ValueError:", e)
    print("context:", type(e.__context__).__name__)
