# The spinner lesson: a ticker task ticks every 0.1 s beside a worker. While the worker
# awaits asyncio.sleep, the ticks come on time; while it calls time.sleep, the loop is
# frozen: the tick due meanwhile comes late, and every later one with it. (Times to 0.1 s,
# so a run of plain python3 on the real clock prints the same.)
import asyncio
import time


async def ticker(loop, t0):
    for n in range(3):
        print(f"  tick {n} at +{loop.time() - t0:.1f}s")
        await asyncio.sleep(0.1)


async def awaiting():
    await asyncio.sleep(0.32)
    print("  awaiting worker done")


async def blocking():
    time.sleep(0.32)
    print("  blocking worker done")


async def main():
    loop = asyncio.get_running_loop()
    for worker in (awaiting, blocking):
        t0 = loop.time()
        await asyncio.gather(ticker(loop, t0), worker())
        print(f"{worker.__name__}: {loop.time() - t0:.1f}s")


asyncio.run(main())
