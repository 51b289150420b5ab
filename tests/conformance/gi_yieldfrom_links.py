# gi_yieldfrom names the current delegate while suspended in yield from, None otherwise.
from harness import say, show


def describe(obj):
    if obj is None:
        return "None"
    if hasattr(obj, "gi_code"):
        return obj.__name__
    return type(obj).__name__


def sub():
    yield "sub-1"
    return "sub done"


def delegator():
    yield "plain"
    r = yield from sub()
    say(f"sub returned {r!r}")
    yield from [10, 20]
    yield "end"


g = delegator()
say(f"created: {describe(g.gi_yieldfrom)}")
show("next", lambda: next(g))
say(f"at plain yield: {describe(g.gi_yieldfrom)}")
show("next", lambda: next(g))
say(f"in yield from sub: {describe(g.gi_yieldfrom)}")
show("next", lambda: next(g))
say(f"in yield from list: {describe(g.gi_yieldfrom)}")
show("next", lambda: next(g))
show("next", lambda: next(g))
say(f"after delegation: {describe(g.gi_yieldfrom)}")
show("next", lambda: next(g))
say(f"closed: {describe(g.gi_yieldfrom)}")
