# `yield from coro` in a plain generator is a TypeError; the coroutine is untouched.
from harness import say, show, state


async def job():
    say("  coroutine body runs")
    return 1


def delegator():
    try:
        yield from c
    except TypeError as e:
        say(f"  caught {e!r}")
    yield "after"


c = job()
g = delegator()
show("next", lambda: next(g))
say(f"coroutine {state(c)}")
c.close()
say(f"coroutine {state(c)}")
