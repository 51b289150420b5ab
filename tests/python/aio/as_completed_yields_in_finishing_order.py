# as_completed gives awaitables in the order they finish.
import asyncio


async def sleeper(n):
    await asyncio.sleep(n)
    return n


async def main():
    for next_done in asyncio.as_completed([sleeper(3), sleeper(1), sleeper(2)]):
        print(await next_done)


asyncio.run(main())
