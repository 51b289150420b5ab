# throw(GeneratorExit) into a generator that is not delegating is an ordinary throw: a body
# that catches it and yields just yields. Unhandled, it reaches the caller.
from harness import say, show, state


def stubborn():
    while True:
        try:
            yield "waiting"
        except GeneratorExit as e:
            say(f"  caught {e!r}")


g = stubborn()
next(g)
show("throw(GeneratorExit)", lambda: g.throw(GeneratorExit))
show("throw(GeneratorExit('bye'))", lambda: g.throw(GeneratorExit("bye")))
say(state(g))
show("close()", lambda: g.close())
say(state(g))


def plain():
    yield 1


g = plain()
next(g)
show("unhandled throw(GeneratorExit)", lambda: g.throw(GeneratorExit))
say(state(g))
