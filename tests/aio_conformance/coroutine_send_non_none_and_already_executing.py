# send(1) to a just-started coroutine is a TypeError; re-entering a running one a ValueError.
import asyncio
import inspect


async def echo():
    return await asyncio.sleep(0, "x")


c = echo()
try:
    c.send(1)
except TypeError as e:
    print(repr(e))
print(inspect.getcoroutinestate(c))
c.send(None)
try:
    c.send(None)
except StopIteration as e:
    print("returned", repr(e.value))

holder = {}


async def reenter():
    try:
        holder["c"].send(None)
    except ValueError as e:
        print(repr(e))
    return "done"


c = reenter()
holder["c"] = c
try:
    c.send(None)
except StopIteration as e:
    print("returned", repr(e.value))
