# The return value is delivered once; later resumes get a bare StopIteration().
# StopIteration.value is args[0], or None without args.
from harness import say, show


def answer():
    yield "thinking"
    return 42


g = answer()
show("next", lambda: next(g))
show("next", lambda: next(g))
show("next", lambda: next(g))
show("send(7)", lambda: g.send(7))

for args in [(), (5,), (5, 6), (None,)]:
    e = StopIteration(*args)
    say(f"StopIteration{args!r}: value={e.value!r} args={e.args!r}")
