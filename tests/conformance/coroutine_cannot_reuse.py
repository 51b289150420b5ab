# A finished or closed coroutine refuses send/throw and a second await:
# RuntimeError('cannot reuse already awaited coroutine'); close() stays a no-op.
import types

from harness import show


@types.coroutine
def suspend(v):
    return (yield v)


async def job():
    return await suspend("first")


async def awaits(c):
    return await c


c = job()
c.send(None)
show("finish", lambda: c.send("done"))
show("send(None)", lambda: c.send(None))
show("send(1)", lambda: c.send(1))
show("throw(ValueError)", lambda: c.throw(ValueError))
show("close()", lambda: c.close())
show("await it again", lambda: awaits(c).send(None))

closed = job()
closed.close()
show("closed: send(None)", lambda: closed.send(None))
show("closed: throw(KeyError('k'))", lambda: closed.throw(KeyError("k")))
show("closed: throw(GeneratorExit)", lambda: closed.throw(GeneratorExit))
show("closed: close()", lambda: closed.close())
