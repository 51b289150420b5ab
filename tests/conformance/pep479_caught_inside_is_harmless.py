# PEP 479 applies only to a StopIteration that leaves the frame: one caught inside is fine.
from harness import say, show


def careful():
    try:
        raise StopIteration(9)
    except StopIteration as e:
        say(f"caught {e!r} inside")
    yield "still fine"
    try:
        raise StopIteration()
    except StopIteration as e:
        say(f"caught {e!r} inside")
    return "done"


g = careful()
show("next", lambda: next(g))
show("next", lambda: next(g))
