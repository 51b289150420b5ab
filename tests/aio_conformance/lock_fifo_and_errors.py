# Lock: FIFO hand-over; a releaser cannot jump the queue; releasing an unlocked lock fails.
import asyncio


async def user(name, lock):
    async with lock:
        print(name, "has the lock")
        await asyncio.sleep(0)
        print(name, "releases")


async def main():
    lock = asyncio.Lock()
    ts = [asyncio.create_task(user(n, lock)) for n in "abc"]
    for t in ts:
        await t
    try:
        lock.release()
    except RuntimeError as e:
        print(repr(e))
    await lock.acquire()
    w = asyncio.create_task(user("w", lock))
    await asyncio.sleep(0)
    lock.release()
    print("locked right after release:", lock.locked())
    await lock.acquire()
    print("main re-acquired after w")
    lock.release()
    await w


asyncio.run(main())
