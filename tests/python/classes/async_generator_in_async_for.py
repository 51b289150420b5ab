# An async generator (async def with yield) is an async iterator.
import asyncio


async def countdown(n):
    while n:
        await asyncio.sleep(0)
        yield n
        n -= 1


async def main():
    async for n in countdown(3):
        print(n)


asyncio.run(main())
