# The value of `yield from sub` is the value sub returns.
def sub():
    yield "working"
    return 42


def delegator():
    result = yield from sub()
    print("sub returned", result)


for item in delegator():
    print(item)
