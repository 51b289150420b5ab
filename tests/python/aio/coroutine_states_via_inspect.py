# A coroutine object goes CORO_CREATED, CORO_SUSPENDED, CORO_CLOSED.
import asyncio
import inspect


async def job():
    print("inside:", inspect.getcoroutinestate(c))
    await asyncio.sleep(0)


c = job()
print(inspect.getcoroutinestate(c), inspect.iscoroutine(c))
c.send(None)
print(inspect.getcoroutinestate(c))
try:
    c.send(None)
except StopIteration:
    print(inspect.getcoroutinestate(c))
