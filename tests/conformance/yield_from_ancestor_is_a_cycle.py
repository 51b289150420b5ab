# A leaf that does `yield from top` (an ancestor in its own chain) gets
# ValueError('generator already executing'), which propagates like any exception.
from harness import say, show, state


def leaf():
    say("  leaf tries yield from top")
    yield from top


def middle():
    try:
        yield from leaf()
    except ValueError as e:
        say(f"  middle caught {e!r}")
    yield "middle goes on"


def outer():
    r = yield from middle()
    return r


top = outer()
show("next(top)", lambda: next(top))
say(f"top {state(top)}")
show("next(top)", lambda: next(top))
