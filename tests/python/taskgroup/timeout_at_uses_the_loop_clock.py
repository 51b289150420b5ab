# `asyncio.timeout_at(when)` takes a deadline on the loop's own clock.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3)
    deadline = loop.time() + 2
    try:
        async with asyncio.timeout_at(deadline) as cm:
            print(cm.when() == deadline)
            await asyncio.sleep(60)
    except TimeoutError:
        print("timed out at", loop.time())
    cm = asyncio.Timeout(loop.time() + 1)
    print(repr(cm), isinstance(cm, asyncio.Timeout))
    async with cm:
        await asyncio.sleep(0.5)
    print(repr(cm))


asyncio.run(main())
