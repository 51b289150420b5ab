# time.sleep inside an executor job blocks the worker thread, not the loop: the loop's
# timers keep their times; the blocking call on the loop's own thread is what holds them.
import asyncio
import time


def job(n):
    time.sleep(0.2)
    return n * 10


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    loop.call_later(0.5, print, "timer due at +0.5 rang")
    result = await loop.run_in_executor(None, job, 4)
    print("job returned", result)
    await asyncio.sleep(0.6)
    print("loop still on time:", loop.time() - t0 < 1.0)


asyncio.run(main())
