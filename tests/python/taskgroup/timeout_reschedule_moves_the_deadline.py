# `cm.reschedule(when)` moves the deadline while the block runs; `None` removes it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        cm.reschedule(loop.time() + 5)
        print("deadline now", cm.when())
        await asyncio.sleep(1)
        cm.reschedule(None)
        await asyncio.sleep(10)
    print("never expired", cm.expired(), loop.time())
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(loop.time() + 3)
            await asyncio.sleep(10)
    except TimeoutError:
        print("expired at", loop.time())
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print(e)
    fresh = asyncio.timeout(1)
    try:
        fresh.reschedule(2)
    except RuntimeError as e:
        print(e)
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(loop.time() - 1)
            print("a deadline in the past fires at the next turn")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("timed out at", loop.time())


asyncio.run(main())
