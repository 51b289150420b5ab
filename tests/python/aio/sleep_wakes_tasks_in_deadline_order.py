# Sleeping tasks wake in order of their deadlines, whatever order they started in.
import asyncio


async def sleeper(name, delay):
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(delay)
    print(name, "woke after", round(loop.time() - start, 1))


async def main():
    await asyncio.gather(sleeper("c", 2), sleeper("a", 1), sleeper("b", 1.5), sleeper("d", 0.5))


asyncio.run(main())
