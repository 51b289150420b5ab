# Coroutine variant of PEP 479: RuntimeError('coroutine raised StopIteration').
from harness import links, show


async def stopper():
    raise StopIteration("inside")


c = stopper()
e = show("send(None)", lambda: c.send(None))
links("  links", e)
