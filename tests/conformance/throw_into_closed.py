# throw() into a CLOSED generator raises the exception unchanged; no frame runs, so a
# StopIteration is not converted.
from harness import say, show


def once():
    yield 1


g = once()
g.close()
x = ValueError("x")
e = show("throw(x)", lambda: g.throw(x))
say(f"same={e is x}")
stop = StopIteration(7)
e = show("throw(StopIteration(7))", lambda: g.throw(stop))
say(f"same={e is stop} context={e.__context__!r}")
show("throw(KeyError, 'k')", lambda: g.throw(KeyError, "k"))
show("throw(GeneratorExit)", lambda: g.throw(GeneratorExit))
