# close() on a delegator over an iterator: a list iterator has no close(), so GeneratorExit
# goes straight to the delegator; a user iterator's close() is called first, and if it
# raises F, F is raised in the delegator instead.
from harness import say, show, state


class Closable:
    def __init__(self, fail):
        self.fail = fail

    def __iter__(self):
        return self

    def __next__(self):
        return "item"

    def close(self):
        say("  Closable.close()")
        if self.fail:
            raise KeyError("close failed")


def delegator(it):
    try:
        yield from it
    except BaseException as e:
        say(f"  delegator got {e!r}")
        raise


for label, it in [("list", [1, 2]), ("Closable", Closable(False)), ("failing Closable", Closable(True))]:
    g = delegator(it)
    next(g)
    show(f"{label}: close()", lambda: g.close())
    say(f"  {state(g)}")
