# An awaited Future yields itself; completing it queues the waiting task's wake-up
# (FIFO, at completion time) instead of resuming it on the spot.
import asyncio


async def waiter(fut):
    print("waiter awaits")
    v = await fut
    print("waiter woke with", v)


async def main():
    loop = asyncio.get_running_loop()
    probe = loop.create_future()
    y = probe.__await__().send(None)
    print("awaiting a pending future yields the future itself:", y is probe)
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print("done callback sees", f.result()))
    print("setting result")
    fut.set_result(42)
    print("result set; waiter has not run yet")
    loop.call_soon(print, "callback queued after set_result")
    await asyncio.sleep(0)
    print("main back")
    await t
    print("awaiting a done future does not suspend:", await fut)


asyncio.run(main())
