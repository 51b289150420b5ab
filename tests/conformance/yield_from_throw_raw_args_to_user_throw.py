# A delegator forwards the caller's raw throw() arguments to a user iterator's throw
# method, without checking or normalising them (CPython 3.11). Only the argument count
# is checked first, by the call itself.
from harness import say, show


class Recorder:
    def __iter__(self):
        return self

    def __next__(self):
        return "tick"

    def throw(self, *args):
        say(f"  Recorder.throw{args!r}")
        return "thrown"


def delegator():
    yield from Recorder()


g = delegator()
next(g)
show("throw(ValueError)", lambda: g.throw(ValueError))
show("throw(ValueError, 'v')", lambda: g.throw(ValueError, "v"))
show("throw(ValueError('i'), 'v')", lambda: g.throw(ValueError("i"), "v"))
show("throw('abc')", lambda: g.throw("abc"))
show("throw(ValueError, 'v', None)", lambda: g.throw(ValueError, "v", None))
show("throw()", lambda: g.throw())
show("throw(1, 2, 3, 4)", lambda: g.throw(1, 2, 3, 4))
show("next", lambda: next(g))
