# A class whose __await__ is a generator can be awaited; its return is the await's value.
import asyncio


class Ready:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return self.value * 2


async def main():
    print(await Ready(21))


asyncio.run(main())
