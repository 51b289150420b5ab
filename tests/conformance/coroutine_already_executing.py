# Coroutine variant of re-entrancy: ValueError('coroutine already executing').
from harness import show


async def selfish():
    show("  inside: c.send(None)", lambda: c.send(None))
    show("  inside: c.throw(KeyError)", lambda: c.throw(KeyError))
    show("  inside: c.close()", lambda: c.close())
    return "ok"


c = selfish()
show("send(None)", lambda: c.send(None))
