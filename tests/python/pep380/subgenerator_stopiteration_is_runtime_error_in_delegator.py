# PEP 479 per frame: a sub-generator raising StopIteration does not end delegation
# quietly; the delegator gets RuntimeError("generator raised StopIteration").
def sub():
    yield 1
    raise StopIteration("nope")


def delegator():
    try:
        value = yield from sub()
        print("never here", value)
    except RuntimeError as e:
        print("RuntimeError:", e)


list(delegator())
