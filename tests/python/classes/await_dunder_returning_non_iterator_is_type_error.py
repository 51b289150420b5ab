# __await__ must return an iterator.
import asyncio


class Broken:
    def __await__(self):
        return 42


async def main():
    try:
        await Broken()
    except TypeError as e:
        print(e)


asyncio.run(main())
