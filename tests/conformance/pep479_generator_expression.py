# PEP 479 holds in generator expressions too; for loops and list() discard return values.
from harness import say, show

it = iter([])
gen = (next(it) for _ in range(3))
e = show("next(genexpr)", lambda: next(gen))
say(f"  cause={e.__cause__!r}")
show("next(genexpr) again", lambda: next(gen))


def numbers():
    yield 1
    yield 2
    return "ignored"


show("list(numbers())", lambda: list(numbers()))
seen = []
for n in numbers():
    seen.append(n)
say(f"for loop saw {seen!r}")
