# Event.set() wakes every waiter, in the order they waited.
import asyncio


async def waiter(name, ev):
    print(name, "waits")
    r = await ev.wait()
    print(name, "woke", r)


async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(n, ev)) for n in "abc"]
    await asyncio.sleep(0)
    print("set")
    ev.set()
    print("is_set", ev.is_set())
    for t in ts:
        await t
    print("wait on a set event:", await ev.wait())
    ev.clear()
    print("is_set", ev.is_set())


asyncio.run(main())
