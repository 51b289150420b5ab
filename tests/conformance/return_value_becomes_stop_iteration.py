# return r raises StopIteration(r); None gives args == (); no unwrapping of tuples or
# StopIteration instances; str(StopIteration(r)) is str(r).
from harness import say, show


def returns(value):
    yield "only"
    return value


def falls_off():
    yield "only"


cases = [
    ("None", None),
    ("5", 5),
    ("(2,)", (2,)),
    ("StopIteration(3)", StopIteration(3)),
    ("[1, 'a']", [1, "a"]),
    ("''", ""),
]
for label, value in cases:
    g = returns(value)
    next(g)
    e = show(f"return {label}", lambda: next(g))
    say(f"  args={e.args!r} value={e.value!r} str={str(e)!r}")

g = falls_off()
next(g)
e = show("fall off the end", lambda: next(g))
say(f"  args={e.args!r} value={e.value!r} str={str(e)!r}")
