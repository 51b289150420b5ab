# time.perf_counter(), monotonic() and time() measure the sleeps a coroutine awaits:
# sequential ones add up, concurrent ones overlap, as on a wall clock.
import asyncio
import time


async def nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def main():
    t0 = time.perf_counter()
    await asyncio.sleep(1.5)
    print(f"after one sleep: {time.perf_counter() - t0:.2f}")

    t0 = time.monotonic()
    await nap(0.5)
    await nap(0.25)
    print(f"two in a row: {time.monotonic() - t0:.2f}")

    t0 = time.time()
    print(await asyncio.gather(nap(1), nap(2), nap(0.5)))
    print(f"three at once: {time.time() - t0:.2f}")

    t0 = time.perf_counter_ns()
    await asyncio.sleep(0.125)
    print("in nanoseconds:", time.perf_counter_ns() - t0)

    before = time.monotonic()
    await asyncio.sleep(0)
    print("sleep(0) takes no time:", time.monotonic() - before == 0)


t0 = time.perf_counter()
asyncio.run(main())
print(f"the whole asyncio.run: {time.perf_counter() - t0:.3f}")
