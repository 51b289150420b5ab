# close() on a CREATED generator closes it without running anything, not even finally.
from harness import say, show, state


def guarded():
    say("  body runs")
    try:
        yield 1
    finally:
        say("  finally runs")


g = guarded()
show("close()", lambda: g.close())
say(state(g))
show("next", lambda: next(g))
show("throw(KeyError)", lambda: g.throw(KeyError))
show("close() again", lambda: g.close())
