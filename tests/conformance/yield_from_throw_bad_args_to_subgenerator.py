# Bad throw() arguments forwarded to a subgenerator: it validates them itself, and its
# TypeError is raised inside the delegator (the subgenerator stays SUSPENDED).
from harness import say, show, state


def sub():
    yield "sub"


def delegator():
    try:
        yield from s
    except TypeError as e:
        say(f"  delegator caught {e!r}")
    yield "delegator after"


for label, args in [("'abc'", ("abc",)), ("ValueError('i'), 'v'", (ValueError("i"), "v")), ("ValueError, 1, 23", (ValueError, 1, 23))]:
    s = sub()
    g = delegator()
    next(g)
    show(f"throw({label})", lambda: g.throw(*args))
    say(f"  sub {state(s)}, delegator {state(g)}")
    s.close()
