# A plain iterator has no throw(): the exception is raised in the delegator itself.
def delegator():
    try:
        yield from iter([1, 2, 3])
    except KeyError as e:
        print("delegator got", repr(e))
        yield "delegator again"


g = delegator()
next(g)
print(g.throw(KeyError("k")))
