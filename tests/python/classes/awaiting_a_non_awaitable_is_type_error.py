# Only awaitables can be awaited: `await 5` is a TypeError naming the type.
import asyncio


async def main():
    for value in [5, "text", None]:
        try:
            await value
        except TypeError as e:
            print(e)


asyncio.run(main())
