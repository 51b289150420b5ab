# close() on a CLOSED generator returns None and can be repeated.
from harness import show, state, say


def once():
    yield 1


g = once()
next(g)
show("finish", lambda: next(g))
show("close()", lambda: g.close())
show("close() again", lambda: g.close())
say(state(g))
