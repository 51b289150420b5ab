# throw(GeneratorExit) into a delegator is not forwarded as a throw: the sub-generator
# is closed, then the original GeneratorExit is raised in the delegator.
def sub():
    try:
        yield
    finally:
        print("sub closed")


def delegator():
    try:
        yield from sub()
    except GeneratorExit as e:
        print("delegator got it back:", e is sent)
        raise


sent = GeneratorExit("bye")
g = delegator()
next(g)
try:
    g.throw(sent)
except GeneratorExit as e:
    print("caller got it back:", e is sent)
