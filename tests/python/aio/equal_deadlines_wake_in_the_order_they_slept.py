# Tasks whose sleeps end at the same moment wake in the order they went to sleep.
import asyncio


async def sleeper(n, delay):
    await asyncio.sleep(delay)
    print("woke", n)


async def main():
    await asyncio.gather(*(sleeper(n, 1) for n in range(8)))
    await asyncio.gather(*(sleeper(n, 2 if n % 2 else 1) for n in range(6)))


asyncio.run(main())
