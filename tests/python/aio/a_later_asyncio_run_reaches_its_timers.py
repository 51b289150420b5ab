# Each asyncio.run makes a new loop whose clock starts at 0 while the program's clock
# goes on: 0.1 + 0.1 seconds of sleeps in the second run must reach the timer at 0.2
# exactly (a sum of the two clocks rounds to 0.19999999999999998, just short of it).
import asyncio


class Slow:
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        return asyncio.get_running_loop().time()

    async def __aexit__(self, *exc_info):
        await asyncio.sleep(0.1)
        print("exit at", asyncio.get_running_loop().time())


async def main(n):
    async with Slow() as entered:
        print("run", n, "entered at", entered)


for n in range(3):
    asyncio.run(main(n))
