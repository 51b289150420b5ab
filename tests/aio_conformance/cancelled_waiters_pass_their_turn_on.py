# A waiter cancelled in a Lock, Semaphore or Queue line leaves it; one that was already
# woken passes its turn to the next in line.
import asyncio


async def take(name, lock):
    try:
        async with lock:
            print(name, "got the lock")
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise


async def acquire(name, sem):
    try:
        await sem.acquire()
        print(name, "acquired")
    except asyncio.CancelledError:
        print(name, "cancelled; semaphore value", sem._value)
        raise


async def get(name, q):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled while waiting")
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    x = asyncio.create_task(take("x", lock))
    y = asyncio.create_task(take("y", lock))
    z = asyncio.create_task(take("z", lock))
    await asyncio.sleep(0)
    x.cancel()
    await asyncio.sleep(0)
    lock.release()
    y.cancel()
    await asyncio.gather(x, y, z, return_exceptions=True)
    print("lock locked:", lock.locked())

    sem = asyncio.Semaphore(0)
    s1 = asyncio.create_task(acquire("s1", sem))
    s2 = asyncio.create_task(acquire("s2", sem))
    await asyncio.sleep(0)
    sem.release()
    s1.cancel()
    await asyncio.gather(s1, s2, return_exceptions=True)
    print("semaphore value", sem._value, "s2 done", s2.done())

    q = asyncio.Queue()
    g1 = asyncio.create_task(get("g1", q))
    g2 = asyncio.create_task(get("g2", q))
    await asyncio.sleep(0)
    q.put_nowait("item")
    g1.cancel()
    await asyncio.gather(g1, g2, return_exceptions=True)
    print("queue size", q.qsize())


asyncio.run(main())
