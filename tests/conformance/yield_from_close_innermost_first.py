# close() on the top of a chain closes the innermost generator first; each level above
# then receives its own fresh GeneratorExit, and finally blocks run bottom-up.
from harness import say, show, state


def level(name, sub):
    try:
        if sub is None:
            yield f"{name} yields"
        else:
            yield from sub
    except GeneratorExit as e:
        say(f"  {name} got {e!r}")
        raise
    finally:
        say(f"  {name} finally")


leaf = level("leaf", None)
mid = level("mid", leaf)
top = level("top", mid)
show("next(top)", lambda: next(top))
show("top.close()", lambda: top.close())
say(f"top {state(top)}, mid {state(mid)}, leaf {state(leaf)}")

ge = GeneratorExit("original")
leaf = level("leaf", None)
mid = level("mid", leaf)
top = level("top", mid)
next(top)
e = show("top.throw(ge)", lambda: top.throw(ge))
say(f"  original reaches the caller: {e is ge}")
