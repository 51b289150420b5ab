# Finally blocks run before the exception (or the StopIteration) reaches the resumer.
from harness import say, show


def guarded(fail):
    try:
        yield 1
        if fail:
            raise ValueError("late")
        return "ok"
    finally:
        say("  finally runs")


g = guarded(True)
show("next", lambda: next(g))
show("next (raises)", lambda: next(g))
g = guarded(False)
show("next", lambda: next(g))
show("next (returns)", lambda: next(g))
