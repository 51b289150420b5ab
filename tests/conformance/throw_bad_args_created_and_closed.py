# Argument checks come before state checks: bad throw() arguments raise TypeError in
# CREATED and CLOSED generators too, and leave them as they were.
from harness import say, show, state


def body():
    say("  body runs")
    yield 1


g = body()
show("CREATED throw('abc')", lambda: g.throw("abc"))
show("CREATED throw()", lambda: g.throw())
say(state(g))
show("next", lambda: next(g))
g.close()
show("CLOSED throw('abc')", lambda: g.throw("abc"))
show("CLOSED throw(ValueError('i'), 1)", lambda: g.throw(ValueError("i"), 1))
say(state(g))
