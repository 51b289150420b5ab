# A sub-generator that raises while being closed: that error is raised in the
# delegator instead of GeneratorExit, with the GeneratorExit as its context.
def sub():
    try:
        yield
    except GeneratorExit:
        raise ValueError("sub failed to close")


def delegator():
    yield from sub()


g = delegator()
next(g)
try:
    g.close()
except ValueError as e:
    print("ValueError:", e)
    print("context:", type(e.__context__).__name__)
