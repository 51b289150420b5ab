# throw() to a delegator is forwarded to a subgenerator: handled there, its yield is the
# result; not handled, the same exception object is raised in the delegator.
from harness import say, show


def sub():
    while True:
        try:
            yield "sub"
        except KeyError as e:
            say(f"  sub handled {e!r}")


def delegator():
    try:
        yield from sub()
    except ValueError as e:
        say(f"  delegator caught {e!r} same={e is x}")
        yield "delegator recovered"


g = delegator()
next(g)
show("throw(KeyError('k'))", lambda: g.throw(KeyError("k")))
x = ValueError("v")
show("throw(x)", lambda: g.throw(x))
show("next", lambda: next(g))
