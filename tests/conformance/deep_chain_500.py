# A 500-deep yield-from chain, built iteratively: sends reach the leaf and values come
# back, close() runs every finally innermost first, and dropping the top does the same.
from harness import say, show, state

DEPTH = 500
order = []


def leaf():
    total = 0
    try:
        while True:
            x = yield total
            total += x
    finally:
        order.append(0)


def link(sub, depth):
    try:
        return (yield from sub)
    finally:
        order.append(depth)


def summary():
    return f"{len(order)}, first {order[:3]}, last {order[-3:]}"


def build():
    g = leaf()
    for depth in range(1, DEPTH):
        g = link(g, depth)
    return g


top = build()
show("next(top)", lambda: next(top))
for v in [1, 2, 3]:
    show(f"send({v})", lambda: top.send(v))
n, g = 0, top
while g.gi_yieldfrom is not None:
    n, g = n + 1, g.gi_yieldfrom
say(f"links below top: {n}")
show("close()", lambda: top.close())
say(f"finally blocks: {summary()}; top {state(top)}")

order.clear()
top = build()
next(top)
top.send(5)
del top
say(f"after del: finally blocks: {summary()}")
