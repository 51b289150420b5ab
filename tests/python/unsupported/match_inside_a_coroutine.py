# Unsupported statements are reported inside async def bodies too.
import asyncio


async def main():
    await asyncio.sleep(0)
    match [1, 2]:
        case [a, b]:
            print(a + b)


asyncio.run(main())
