# PEP 479 is per frame: a subgenerator raising StopIteration surfaces in the delegator as
# RuntimeError; a plain iterator raising StopIteration(x) just ends the delegation with x
# (StopIteration(5, 6) gives 5).
from harness import links, say, show


def bad_sub():
    yield 1
    raise StopIteration("from sub")


class Stopper:
    def __init__(self, *args):
        self.args = args

    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration(*self.args)


def delegator(it):
    try:
        r = yield from it
        say(f"  delegation ended with {r!r}")
    except RuntimeError as e:
        say(f"  delegator got {e!r}")
        links("  links", e)
    yield "end"


g = delegator(bad_sub())
show("sub: next", lambda: next(g))
show("sub: next", lambda: next(g))
for args in [("from iterator",), (5, 6), ()]:
    g = delegator(Stopper(*args))
    show(f"Stopper{args!r}: next", lambda: next(g))
