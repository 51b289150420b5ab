# A subgenerator's `return X` is the value of the yield from expression; a subgenerator
# that returns at once does not make the delegator suspend.
from harness import say, show


def sub(value, steps):
    for i in range(steps):
        yield f"sub step {i}"
    return value


def delegator():
    a = yield from sub("A", 2)
    say(f"  got {a!r}")
    b = yield from sub((1, 2), 0)
    say(f"  got {b!r}")
    c = yield from sub(None, 1)
    say(f"  got {c!r}")
    return [a, b, c]


g = delegator()
for _ in range(4):
    show("next", lambda: next(g))
