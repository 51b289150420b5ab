# send(v), v not None, on a CREATED generator: TypeError; it stays CREATED and usable.
from harness import say, show, state


def starter():
    say("  body starts")
    x = yield "first"
    say(f"  got {x!r}")
    yield "second"


g = starter()
show("send(1)", lambda: g.send(1))
show("send(0)", lambda: g.send(0))
show("send(False)", lambda: g.send(False))
show("send('')", lambda: g.send(""))
say(state(g))
show("send(None)", lambda: g.send(None))
show("send(1)", lambda: g.send(1))
