# gather() with no awaitables gives [].
import asyncio


async def main():
    print(await asyncio.gather())


asyncio.run(main())
