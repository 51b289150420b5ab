# `yield from g` inside g itself: ValueError('generator already executing') is raised
# inside the frame, where it can be caught.
from harness import say, show, state


def ouroboros():
    try:
        yield from g
    except ValueError as e:
        say(f"  caught {e!r}")
    yield "survived"


g = ouroboros()
show("next", lambda: next(g))
say(state(g))
