# Coroutine variant: awaiting something that yields during close() gives
# RuntimeError('coroutine ignored GeneratorExit').
import types

from harness import say, show, state


@types.coroutine
def suspend(v):
    return (yield v)


async def stubborn():
    try:
        await suspend(1)
    except GeneratorExit:
        say("  coroutine caught GeneratorExit, awaits again")
        await suspend(2)


c = stubborn()
show("send(None)", lambda: c.send(None))
show("close()", lambda: c.close())
say(state(c))
