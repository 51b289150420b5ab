# Entering `yield from`, the sub-generator is started with next(), whatever value
# resumed the delegator.
def sub():
    first = yield "sub started"
    print("sub got", first)
    yield "done"


def delegator():
    x = yield "before"
    print("delegator got", x)
    yield from sub()


g = delegator()
print(next(g))
print(g.send("for the delegator"))
print(g.send("for sub"))
