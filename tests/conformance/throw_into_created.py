# throw() into a CREATED generator closes it and raises "at the first line": no body code,
# no except or finally runs. PEP 479 still converts a thrown StopIteration.
from harness import links, say, show, state


def guarded():
    say("  body runs")
    try:
        yield 1
    except BaseException:
        say("  except runs")
    finally:
        say("  finally runs")


g = guarded()
x = ValueError("x")
e = show("throw(x)", lambda: g.throw(x))
say(f"same={e is x} {state(g)}")
show("next", lambda: next(g))

g = guarded()
stop = StopIteration(7)
e = show("throw(StopIteration(7))", lambda: g.throw(stop))
links("  links", e)
say(f"cause is the original: {e.__cause__ is stop}; {state(g)}")

g = guarded()
show("throw(GeneratorExit)", lambda: g.throw(GeneratorExit))
say(state(g))
