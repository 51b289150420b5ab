# A coroutine has no __next__: next(coro) is TypeError("'coroutine' object is not an
# iterator") and leaves it untouched; send(None) drives it.
from harness import say, show, state


async def job():
    say("  coroutine body runs")
    return "result"


c = job()
show("next(c)", lambda: next(c))
say(state(c))
show("send(None)", lambda: c.send(None))
show("next(c) when finished", lambda: next(c))
