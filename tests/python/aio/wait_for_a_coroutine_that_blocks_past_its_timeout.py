# wait_for(coro, 0.5) where coro blocks 1 s and then returns: the timeout can only act
# when the loop runs again, and by then the coroutine has finished, so its result wins.
import asyncio
import time


async def blocks_then_returns():
    time.sleep(1)
    return "result"


async def blocks_then_awaits():
    time.sleep(1)
    await asyncio.sleep(0.1)
    return "never"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await asyncio.wait_for(blocks_then_returns(), 0.5), f"+{loop.time() - t0:.2f}s")
    t0 = loop.time()
    try:
        await asyncio.wait_for(blocks_then_awaits(), 0.5)
    except asyncio.TimeoutError:
        print("TimeoutError", f"+{loop.time() - t0:.2f}s")


asyncio.run(main())
