# Once delegation ends, sends go to the delegator's own yields again.
def sub():
    yield "sub"


def delegator():
    yield from sub()
    got = yield "delegator"
    print("delegator got", got)
    yield "end"


g = delegator()
print(next(g))
print(g.send(None))
print(g.send("hello"))
