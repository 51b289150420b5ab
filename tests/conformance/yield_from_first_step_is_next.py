# The first step of a yield from is always next(it), whatever value resumed the delegator;
# later sends go to it.send(v), and send(None) to next(it).
from harness import say, show


class Probe:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        say(f"  Probe.__next__() #{self.n}")
        if self.n > 3:
            raise StopIteration("probe done")
        return f"next-{self.n}"

    def send(self, v):
        say(f"  Probe.send({v!r})")
        return f"sent-{v}"


def delegator():
    v = yield "before"
    say(f"  delegator got {v!r}")
    r = yield from Probe()
    say(f"  yield from gave {r!r}")
    yield "after"


g = delegator()
show("next", lambda: next(g))
show("send('kick')", lambda: g.send("kick"))
show("send('x')", lambda: g.send("x"))
show("send(None)", lambda: g.send(None))
show("next", lambda: next(g))
show("next", lambda: next(g))
