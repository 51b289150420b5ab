# Coroutine variant: send(v), v not None, before the coroutine starts.
import types

from harness import say, show, state


@types.coroutine
def suspend(v):
    return (yield v)


async def job():
    x = await suspend("first")
    return x


c = job()
show("send(1)", lambda: c.send(1))
say(state(c))
show("send(None)", lambda: c.send(None))
say(state(c))
show("send('result')", lambda: c.send("result"))
say(state(c))
