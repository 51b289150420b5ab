# A coroutine is driven with send(), not next(); a plain generator cannot `yield from` it.
import asyncio


async def answer():
    return 42


c = answer()
try:
    next(c)
except TypeError as e:
    print("next:", repr(e))
try:
    c.send(None)
except StopIteration as e:
    print("send(None) drives it:", repr(e.value))


def gen(coro):
    yield from coro


c = answer()
g = gen(c)
try:
    next(g)
except TypeError as e:
    print("yield from:", repr(e))
c.close()
