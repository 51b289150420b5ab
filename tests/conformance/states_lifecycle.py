# CREATED -> RUNNING (seen from inside) -> SUSPENDED -> CLOSED; CLOSED is final.
from harness import say, show, state


def counter():
    say(f"inside: {state(g)}")
    x = yield 1
    say(f"got {x!r}, inside: {state(g)}")
    yield 2


g = counter()
say(f"created: {state(g)}")
show("next", lambda: next(g))
say(f"after first yield: {state(g)}")
show("send('a')", lambda: g.send("a"))
show("next", lambda: next(g))
say(f"after return: {state(g)}")
show("next", lambda: next(g))
say(f"still: {state(g)}")
