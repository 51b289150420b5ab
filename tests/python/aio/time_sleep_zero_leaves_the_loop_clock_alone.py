# time.sleep(0) blocks for no time: the loop's clock and its timers are unmoved.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    loop.call_later(0.2, print, "timer at +0.2")
    for _ in range(3):
        time.sleep(0)
    print(f"after three time.sleep(0): +{loop.time() - t0:.2f}s")
    await asyncio.sleep(0.3)
    print(f"after await asyncio.sleep(0.3): +{loop.time() - t0:.2f}s")


asyncio.run(main())
