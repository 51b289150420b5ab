# time.sleep in a coroutine holds the whole loop: the 0.5 s timer comes due meanwhile and
# runs late, after both blocking calls (CPython on the real clock prints the same).
import asyncio
import time


async def blocker(name):
    print(name, "blocks the loop for 1 s")
    time.sleep(1)


async def ticker():
    t0 = asyncio.get_running_loop().time()
    await asyncio.sleep(0.5)
    late = asyncio.get_running_loop().time() - t0
    print(f"ticker woke after {late:.2f}s (asked for 0.50)")


async def main():
    t0 = time.perf_counter()
    await asyncio.gather(ticker(), blocker("A"), blocker("B"))
    print(f"all done in {time.perf_counter() - t0:.2f}s")


asyncio.run(main())
