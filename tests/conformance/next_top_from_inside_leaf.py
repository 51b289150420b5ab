# Calling next(top) or mid.send() from inside the leaf of a chain raises ValueError in
# the leaf; the chain is undisturbed.
from harness import say, show, state


def leaf():
    show("  leaf: next(top)", lambda: next(top))
    show("  leaf: mid.send(1)", lambda: mid.send(1))
    show("  leaf: top.close()", lambda: top.close())
    x = yield "leaf"
    say(f"  leaf got {x!r}")
    return "leaf done"


def middle():
    r = yield from leaf()
    say(f"  middle got {r!r}")
    yield "middle"


def outer():
    yield from mid


mid = middle()
top = outer()
show("next(top)", lambda: next(top))
show("top.send('v')", lambda: top.send("v"))
say(f"top {state(top)}, mid {state(mid)}")
