# A thrown exception kills the leaf; a middle level handles it and yields, so top.throw()
# returns that value and the top never sees the exception.
from harness import say, show, state


def leaf(n):
    yield f"leaf {n}"


def middle():
    n = 0
    while True:
        n += 1
        try:
            yield from leaf(n)
        except ValueError as e:
            say(f"  middle handled {e!r}")
            yield "middle recovered"


def outer():
    try:
        yield from middle()
    except ValueError:
        say("  top saw it (must not happen)")


top = outer()
show("next", lambda: next(top))
show("throw(ValueError('x'))", lambda: top.throw(ValueError("x")))
show("next", lambda: next(top))
say(f"top {state(top)}")
