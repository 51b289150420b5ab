# `async for` calls __aiter__, then awaits __anext__ until StopAsyncIteration.
import asyncio


class Ticker:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(1)
        self.n -= 1
        return self.n


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async for tick in Ticker(3):
        print("tick", tick, "after", round(loop.time() - start, 1))


asyncio.run(main())
