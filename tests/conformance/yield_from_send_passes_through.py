# Sends pass straight through a delegator to a subgenerator; yields come out unchanged.
# A generator expression accepts send(v) but ignores v.
from harness import say, show


def sub():
    got = []
    while len(got) < 2:
        x = yield {"sub has": list(got)}
        got.append(x)
    return tuple(got)


def delegator():
    r = yield from sub()
    say(f"  sub returned {r!r}")
    r = yield from (n * 10 for n in range(2))
    say(f"  genexpr returned {r!r}")
    yield "end"


g = delegator()
show("next", lambda: next(g))
show("send('a')", lambda: g.send("a"))
show("send(('b',))", lambda: g.send(("b",)))
show("send('ignored')", lambda: g.send("ignored"))
show("send('ignored too')", lambda: g.send("ignored too"))
