# An exception that leaves the body reaches the resumer unchanged and closes the generator.
from harness import say, show, state


def boom():
    yield 1
    raise ValueError("boom")


g = boom()
show("next", lambda: next(g))
show("next", lambda: next(g))
say(state(g))
show("next", lambda: next(g))
show("close", lambda: g.close())
