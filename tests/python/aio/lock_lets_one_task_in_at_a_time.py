# asyncio.Lock: one holder at a time; waiters get it in FIFO order.
import asyncio


async def worker(name, lock):
    async with lock:
        print(name, "has the lock")
        await asyncio.sleep(1)
        print(name, "releases")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(worker(n, lock) for n in "abc"))


asyncio.run(main())
