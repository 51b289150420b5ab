# In 3.11 close() returns None even when the body catches GeneratorExit and returns a value,
# or returns from a finally block.
from harness import say, show, state


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ret from except"


def returns_in_finally():
    try:
        yield 1
    finally:
        return "ret from finally"


for make in [returns_on_exit, returns_in_finally]:
    g = make()
    next(g)
    show(f"{make.__name__}: close()", lambda: g.close())
    say(state(g))
