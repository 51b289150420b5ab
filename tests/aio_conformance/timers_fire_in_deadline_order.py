# Timers fire in deadline order, not in scheduling order; sleeps of equal length fire
# first-scheduled-first (a before a2). Identical call_at() deadlines are left out on
# purpose: CPython's heapq does not keep their scheduling order.
import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    specs = (("c", 0.25), ("b", 0.15), ("a", 0.05), ("a2", 0.05))
    tasks = [asyncio.create_task(sleeper(n, d)) for n, d in specs]
    for t in tasks:
        await t
    print("at least 0.25 s passed:", loop.time() - t0 >= 0.25 - 1e-6)
    base = loop.time()
    fut = loop.create_future()
    loop.call_at(base + 0.09, fut.set_result, None)
    for name, dt in (("x", 0.06), ("y", 0.03), ("z", 0.045)):
        loop.call_at(base + dt, print, "timer", name)
    await fut
    print("call_at timers done")


asyncio.run(main())
