# A sub-generator that returns a value when closed closes cleanly; the delegator still
# gets GeneratorExit (the return value is not the `yield from` value).
def sub():
    try:
        yield
    except GeneratorExit:
        return "swallowed"


def delegator():
    try:
        value = yield from sub()
        print("not reached", value)
    except GeneratorExit:
        print("delegator got GeneratorExit")
        raise


g = delegator()
next(g)
print(g.close())
