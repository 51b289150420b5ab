# A block that finishes before its deadline: nothing is cancelled, the timer is gone.
import asyncio


async def main():
    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(1)
        print("inside", repr(cm))
    print("after", repr(cm), cm.expired())
    async with asyncio.timeout(None) as forever:
        await asyncio.sleep(100)
    print("no deadline:", forever.when(), forever.expired())
    await asyncio.sleep(10)
    print("still fine at", asyncio.get_running_loop().time())


asyncio.run(main())
