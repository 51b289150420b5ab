# next(g) is g.send(None); the paused yield evaluates to the sent value.
from harness import say, show


def echo():
    while True:
        got = yield "ready"
        say(f"  got {got!r}")


g = echo()
show("next", lambda: next(g))
show("send('a')", lambda: g.send("a"))
show("send([1, 2])", lambda: g.send([1, 2]))
show("next", lambda: next(g))
show("send(None)", lambda: g.send(None))
show("send(0)", lambda: g.send(0))
