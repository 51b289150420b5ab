# A thrown exception kills the leaf; the middle level handles it and yields,
# so throw() on the top returns that value and the top never sees the error.
def leaf():
    yield "leaf"


def middle():
    try:
        yield from leaf()
    except ZeroDivisionError:
        yield "middle handled it"


def top():
    yield from middle()
    yield "top goes on"


g = top()
print(next(g))
print(g.throw(ZeroDivisionError))
print(next(g))
