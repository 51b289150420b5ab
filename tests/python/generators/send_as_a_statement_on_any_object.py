# `obj.m(arg)` as a statement, with `obj` a local and `arg` a constant or a local: the
# interpreter runs `g.send(v)` of a generator in one step, and everything else as usual.
# Each case here must behave exactly as the unfused instructions do.

def echo():
    total = 0
    while True:
        x = yield total
        total += x
        print("echo got", x, "total", total)


class Sender:
    """Not a generator, but with a `send` method: an ordinary call."""

    def __init__(self):
        self.got = []

    def send(self, v):
        self.got.append(v)
        return "ignored"


def once():
    x = yield "first"
    print("once got", x)


def fails():
    yield 1
    raise ValueError("boom in the generator")


def main():
    g = echo()
    next(g)
    k = 5
    g.send(1)
    g.send(k)
    s = Sender()
    s.send(3)
    s.send(k)
    print("sender got", s.got)
    items = []
    items.append(k)  # another method of a local, with a local argument
    print("items", items)
    o = once()
    next(o)
    try:
        o.send("last")
    except StopIteration as e:
        print("StopIteration from a send statement:", repr(e))
    try:
        o.send(1)
    except StopIteration as e:
        print("a finished generator:", repr(e))
    try:
        g.send(later)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    later = 2
    g.send(later)
    try:
        missing.send(1)
    except NameError as e:
        print("NameError:", e)
    n = 7
    try:
        n.send(1)
    except AttributeError as e:
        print("AttributeError:", e)
    f = fails()
    next(f)
    try:
        f.send(None)
    except ValueError as e:
        print("ValueError:", e)
    g = echo()
    try:
        g.send(1)
    except TypeError as e:
        print("TypeError:", e)


main()
