# Bad calls in every state (CREATED, SUSPENDED, delegating, RUNNING, CLOSED) raise
# CPython's errors: argument errors first, then the state rules.
from harness import say, show, state


def misuse(label, g):
    calls = [
        ("send(1)", lambda: g.send(1)),
        ("throw()", lambda: g.throw()),
        ("throw('abc')", lambda: g.throw("abc")),
        ("throw(ValueError('i'), 'v')", lambda: g.throw(ValueError("i"), "v")),
        ("throw(ValueError, 'v', 23)", lambda: g.throw(ValueError, "v", 23)),
        ("throw(ValueError, 1, None, 4)", lambda: g.throw(ValueError, 1, None, 4)),
    ]
    for name, call in calls:
        show(f"{label}: {name}", call)
    say(f"{label}: now {state(g)}")


def sub():
    while True:
        try:
            yield "sub"
        except Exception as e:
            say(f"  sub caught {e!r}")


def worker(delegate):
    while True:
        try:
            if delegate:
                yield from sub()
            else:
                yield "worker"
        except Exception as e:
            say(f"  worker caught {e!r}")


def selfish():
    misuse("running", me)
    yield "done"


misuse("created", worker(False))
g = worker(False)
next(g)
misuse("suspended", g)
g = worker(True)
next(g)
misuse("delegating", g)
me = selfish()
show("next(selfish)", lambda: next(me))
g = worker(False)
g.close()
misuse("closed", g)
