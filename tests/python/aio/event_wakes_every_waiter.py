# Event.set() wakes all tasks waiting on it, in the order they started waiting.
import asyncio


async def waiter(name, event):
    print(name, "waiting")
    await event.wait()
    print(name, "woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2")]
    await asyncio.sleep(1)
    print("setting; is_set was", event.is_set())
    event.set()
    await asyncio.gather(*tasks)
    await event.wait()
    print("already set: no wait")


asyncio.run(main())
