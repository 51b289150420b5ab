# While delegating, send(v) goes straight to the sub-generator.
def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


def delegator():
    total = yield from accumulate()
    yield f"final {total}"


g = delegator()
next(g)
print(g.send(5))
print(g.send(7))
print(g.send(None))
