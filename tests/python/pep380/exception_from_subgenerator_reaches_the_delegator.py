# An exception the sub-generator raises is raised in the delegator: the same object.
saved = []


def sub():
    yield 1
    err = LookupError("from sub")
    saved.append(err)
    raise err


def delegator():
    try:
        yield from sub()
    except LookupError as e:
        print("same object:", e is saved[0])
        yield "handled"


print(list(delegator()))
