# An intermediate generator of a parked chain is an ordinary SUSPENDED generator: it can
# be resumed directly, and the top later carries on from wherever it got to (a finished
# delegate gives the yield from a None value).
from harness import say, show, state


def leaf():
    x = yield "leaf-1"
    say(f"  leaf got {x!r}")
    y = yield "leaf-2"
    say(f"  leaf got {y!r}")
    return "leaf result"


def middle():
    r = yield from leaf()
    say(f"  middle: leaf returned {r!r}")
    z = yield "middle-1"
    say(f"  middle got {z!r}")
    return "middle result"


def outer():
    r = yield from mid
    say(f"  top: mid returned {r!r}")
    yield "top-1"


mid = middle()
top = outer()
show("next(top)", lambda: next(top))
show("mid.send('direct')", lambda: mid.send("direct"))
show("top.send('via top')", lambda: top.send("via top"))
show("mid.send('direct 2')", lambda: mid.send("direct 2"))
say(f"mid {state(mid)}; top.gi_yieldfrom is mid: {top.gi_yieldfrom is mid}")
show("next(top)", lambda: next(top))
say(f"top {state(top)}")

mid = middle()
top = outer()
next(top)
mid.close()
show("after mid.close(): top.throw(KeyError('k'))", lambda: top.throw(KeyError("k")))
say(f"top {state(top)}")
