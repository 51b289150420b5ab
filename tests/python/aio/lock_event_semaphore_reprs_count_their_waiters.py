# Locks, events and semaphores show their state and how many coroutines wait on them,
# as asyncio's locks.py writes it (the address, which differs run to run, cut off here).
import asyncio


def shown(obj):
    text = repr(obj)
    return text[: text.index(" at ")] + " " + text[text.index("["):]


async def holder(lock, event, sem, bounded):
    async with lock, sem, bounded:
        await event.wait()


async def main():
    lock, event = asyncio.Lock(), asyncio.Event()
    sem, bounded = asyncio.Semaphore(2), asyncio.BoundedSemaphore(1)
    for obj in (lock, event, sem, bounded):
        print(shown(obj))
    tasks = [asyncio.create_task(holder(lock, event, sem, bounded)) for _ in range(3)]
    await asyncio.sleep(0)
    for obj in (lock, event, sem, bounded):
        print(shown(obj))
    event.set()
    await asyncio.gather(*tasks)
    for obj in (lock, event, sem, bounded):
        print(shown(obj))


asyncio.run(main())
