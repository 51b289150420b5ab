# A coroutine is not iterable: iter(coro) is TypeError, and a plain generator's
# `yield from coro` is TypeError with its own text (the coroutine is left as it was). A
# generator-based coroutine (@types.coroutine) may `yield from` a coroutine, and is itself
# iterable, as any generator. An object with only __await__ is not iterable either.
import types

from harness import say, show, state


@types.coroutine
def suspend(v):
    return (yield v)


async def job():
    say("  job runs")
    x = await suspend("job paused")
    return f"job got {x!r}"


def plain(c):
    try:
        yield from c
    except TypeError as e:
        say(f"  plain caught {e!r}")
    return "plain done"


@types.coroutine
def delegator(c):
    r = yield from c
    say(f"  delegator got {r!r}")
    return r


class OnlyAwait:
    def __await__(self):
        return iter([])


c = job()
show("iter(job())", lambda: iter(c))
g = plain(c)
show("plain(job()): next", lambda: next(g))
say(f"job {state(c)}")
d = delegator(c)
show("iter(delegator(job())) is itself", lambda: iter(d) is d)
show("delegator: next", lambda: next(d))
say(f"job {state(c)}")
show("delegator: send('x')", lambda: d.send("x"))
say(f"job {state(c)}")
show("iter(OnlyAwait())", lambda: iter(OnlyAwait()))
g = plain(OnlyAwait())
show("plain(OnlyAwait()): next", lambda: next(g))
