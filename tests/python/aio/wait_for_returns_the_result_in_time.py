# wait_for returns the result when the awaitable finishes before the timeout.
import asyncio


async def quick():
    await asyncio.sleep(1)
    return "in time"


async def main():
    print(await asyncio.wait_for(quick(), timeout=5))
    print(await asyncio.wait_for(quick(), timeout=None))


asyncio.run(main())
