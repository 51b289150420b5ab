# An empty iterable or an already exhausted generator: the yield from gives None at once
# and the delegator does not suspend.
from harness import say, show


def spent():
    yield 1
    return "only once"


exhausted = spent()
list(exhausted)
closed = spent()
closed.close()


def delegator():
    for label, it in [("[]", []), ("()", ()), ("''", ""), ("{}", {}), ("exhausted", exhausted), ("closed", closed)]:
        r = yield from it
        say(f"  yield from {label} gave {r!r}")
    yield "end"


g = delegator()
show("next", lambda: next(g))
