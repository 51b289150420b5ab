# send/next/throw/close on a RUNNING generator raise ValueError('generator already
# executing') in the caller; the running body can catch it and carry on. Bad throw()
# arguments are still reported first.
from harness import say, show, state


def selfish():
    show("  inside: next(g)", lambda: next(g))
    show("  inside: g.send(1)", lambda: g.send(1))
    show("  inside: g.throw(ValueError)", lambda: g.throw(ValueError))
    show("  inside: g.close()", lambda: g.close())
    show("  inside: g.throw('abc')", lambda: g.throw("abc"))
    say(f"  still {state(g)}")
    yield "carried on"
    say("  second step")


g = selfish()
show("next", lambda: next(g))
show("next", lambda: next(g))
