# send(v), v not None, to a delegator over an iterator without `send`: AttributeError
# raised inside the delegator at the yield from (catchable), and the delegation ends.
from harness import say, show


def delegator(it):
    try:
        yield from it
    except AttributeError as e:
        say(f"  caught {e!r}")
        say(f"  gi_yieldfrom is None: {g.gi_yieldfrom is None}")
    yield "after"


cases = [
    ("list", [1, 2, 3]),
    ("range", range(3)),
    ("tuple", (1, 2, 3)),
    ("ascii str", "abc"),
    ("str", "éa!"),
    ("dict", {"k": 1, "j": 2, "i": 3}),
]
for label, it in cases:
    g = delegator(it)
    show(f"{label}: next", lambda: next(g))
    show(f"{label}: send(None)", lambda: g.send(None))
    show(f"{label}: send(5)", lambda: g.send(5))
