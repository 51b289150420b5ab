# throw() at a paused yield: handled and yields -> the value; handled and returns ->
# StopIteration(ret); unhandled -> the same exception propagates and the generator closes.
from harness import say, show, state


def handles_and_yields():
    try:
        yield 1
    except ValueError as e:
        say(f"  handled {e!r}")
        yield "recovered"


def handles_and_returns():
    try:
        yield 1
    except ValueError:
        return "gave up"


def unhandled():
    yield 1


for make in [handles_and_yields, handles_and_returns, unhandled]:
    g = make()
    next(g)
    x = ValueError(make.__name__)
    e = show(f"{make.__name__}: throw", lambda: g.throw(x))
    say(f"  same={e is x} {state(g)}")
