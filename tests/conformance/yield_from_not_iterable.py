# iter(EXPR) happens when execution reaches the yield from, not at creation; a
# non-iterable raises TypeError("'int' object is not iterable") there, catchable.
from harness import say, show, state


def delegator(x):
    say("  body starts")
    try:
        yield from x
    except TypeError as e:
        say(f"  caught {e!r}")
    yield "after"


for x in [5, None, 1.5, True]:
    g = delegator(x)
    say(f"created with {x!r}: {state(g)}")
    show("next", lambda: next(g))


def uncaught():
    yield from 7


g = uncaught()
show("uncaught: next", lambda: next(g))
say(state(g))
