# The clock moves as sleeps complete: sequential sleeps add up, concurrent ones overlap.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(1)
    await asyncio.sleep(2)
    print("sequential:", round(loop.time() - start, 1))
    start = loop.time()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(2))
    print("concurrent:", round(loop.time() - start, 1))


asyncio.run(main())
