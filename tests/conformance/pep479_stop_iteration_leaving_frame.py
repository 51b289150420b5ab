# PEP 479: a StopIteration (or subclass) leaving a generator frame becomes
# RuntimeError('generator raised StopIteration') with __cause__ and __context__ set to it
# and __suppress_context__ True; also when thrown in and not handled.
from harness import links, say, show, state


class MyStop(StopIteration):
    pass


def raiser(exc):
    yield 1
    raise exc


for exc in [StopIteration(7), StopIteration(), MyStop("sub")]:
    g = raiser(exc)
    next(g)
    e = show(f"raise {exc!r}", lambda: next(g))
    links("  links", e)
    say(f"  cause is the original: {e.__cause__ is exc}; {state(g)}")


def plain():
    yield 1


g = plain()
next(g)
stop = StopIteration("thrown")
e = show("throw(StopIteration('thrown'))", lambda: g.throw(stop))
links("  links", e)
say(f"  cause is the original: {e.__cause__ is stop}; {state(g)}")
