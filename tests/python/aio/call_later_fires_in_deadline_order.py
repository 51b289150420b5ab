# call_later timers fire in order of their deadlines, not of scheduling.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    for delay in [0.3, 0.1, 0.2]:
        loop.call_later(delay, lambda d=delay: print("fired", d, "at", round(loop.time() - start, 1)))
    await asyncio.sleep(1)


asyncio.run(main())
