# gather's results follow the order of its arguments, not the order of finishing.
import asyncio


async def slow(value, delay):
    await asyncio.sleep(delay)
    print("finished", value)
    return value


async def main():
    print(await asyncio.gather(slow("a", 3), slow("b", 1), slow("c", 2)))


asyncio.run(main())
