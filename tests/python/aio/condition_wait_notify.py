# asyncio.Condition: wait/notify/notify_all/wait_for under the lock, a shared lock,
# the errors without the lock, and a cancelled waiter.
import asyncio


async def consumer(cond, name, box):
    async with cond:
        print(name, "waits")
        await cond.wait()
        print(name, "woke, box has", box)


async def waiter_for(cond, box):
    async with cond:
        got = await cond.wait_for(lambda: len(box) >= 2)
        print("predicate came true:", got, box)


async def producer(cond, box):
    for item in ("a", "b", "c"):
        await asyncio.sleep(0.1)
        async with cond:
            box.append(item)
            print("notify one after", item)
            cond.notify()
    await asyncio.sleep(0.1)
    async with cond:
        print("notify all")
        cond.notify_all()


async def main():
    cond = asyncio.Condition()
    print(cond.locked())
    box = []
    tasks = [asyncio.create_task(consumer(cond, f"c{i}", box)) for i in range(3)]
    tasks.append(asyncio.create_task(waiter_for(cond, box)))
    await asyncio.sleep(0)
    print("repr ends:", repr(cond).split("[")[1])
    await producer(cond, box)
    await asyncio.gather(*tasks)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    async with shared:
        print("shares the lock:", lock.locked())
    victim = asyncio.create_task(consumer(cond, "cancelled one", box))
    await asyncio.sleep(0)
    victim.cancel()
    try:
        await victim
    except asyncio.CancelledError:
        print("the waiter was cancelled; lock held after?", cond.locked())


asyncio.run(main())
