# When closing the delegate fails with F, F is thrown into the delegator instead of
# GeneratorExit, and close()'s outcome rules apply to what the delegator does next.
from harness import links, say, show, state


def failing_sub():
    try:
        yield "sub"
    finally:
        raise KeyError("sub cleanup failed")


def stubborn_sub():
    try:
        yield "sub"
    except GeneratorExit:
        yield "sub ignores"


def catching():
    try:
        yield from failing_sub()
    except KeyError as e:
        say(f"  delegator got {e!r}")
        links("  links", e)
        yield "delegator yields"


g = catching()
next(g)
show("catching: close()", lambda: g.close())
say(f"  {state(g)}")
show("catching: close() again", lambda: g.close())
say(f"  {state(g)}")


def passing(sub):
    yield from sub


g = passing(failing_sub())
next(g)
e = show("failing sub: close()", lambda: g.close())
links("  links", e)
say(f"  {state(g)}")

s = stubborn_sub()
g = passing(s)
next(g)
e = show("stubborn sub: close()", lambda: g.close())
links("  links", e)
say(f"  delegator {state(g)}, sub {state(s)}")
