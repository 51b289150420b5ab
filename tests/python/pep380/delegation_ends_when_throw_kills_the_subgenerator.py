# When a thrown exception ends the sub-generator, delegation is over: the delegator
# handles it and continues without the sub-generator.
def sub():
    yield "sub 1"
    yield "sub 2"


def delegator():
    try:
        yield from sub()
    except IndexError:
        pass
    yield "delegator alone"


g = delegator()
print(next(g))
print(g.throw(IndexError))
print(next(g, "end"))
