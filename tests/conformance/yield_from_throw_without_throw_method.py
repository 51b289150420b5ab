# throw() to a delegator over an iterator without `throw`: the exception is raised in the
# delegator. With bad arguments the delegator checks them itself and the TypeError goes
# to the caller, leaving the delegation in place.
from harness import say, show, state


def delegator():
    try:
        yield from [1, 2, 3]
    except ValueError as e:
        say(f"  delegator caught {e!r} same={e is x}")
    yield "after"


g = delegator()
next(g)
show("throw('abc')", lambda: g.throw("abc"))
show("throw(ValueError('i'), 'v')", lambda: g.throw(ValueError("i"), "v"))
say(f"  {state(g)}, gi_yieldfrom {type(g.gi_yieldfrom).__name__}")
show("next", lambda: next(g))
x = ValueError("x")
show("throw(x)", lambda: g.throw(x))
