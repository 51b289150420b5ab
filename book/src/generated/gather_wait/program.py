# Four ways to wait for several awaitables, side by side: gather (all results, in
# argument order), wait (done and pending sets), as_completed (in finishing order) and
# wait_for (one result, or TimeoutError).
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name + " failed")
    return name + " done"


async def main():
    results = await asyncio.gather(job("a", 0.15), job("b", 0.05), job("c", 0.1))
    print("gather:", results)

    results = await asyncio.gather(job("a", 0.05), job("b", 0.02, fail=True), return_exceptions=True)
    print("gather(return_exceptions=True):", results)

    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.15), ("b", 0.05), ("c", 0.1)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("wait FIRST_COMPLETED: done", sorted(t.get_name() for t in done),
          "pending", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(pending, timeout=0.03)
    print("wait timeout=0.03: done", sorted(t.get_name() for t in done),
          "pending", sorted(t.get_name() for t in pending))
    await asyncio.wait(pending)

    order = [await f for f in asyncio.as_completed([job("x", 0.1), job("y", 0.03), job("z", 0.06)])]
    print("as_completed:", order)

    try:
        await asyncio.wait_for(job("slow", 1.0), timeout=0.05)
    except TimeoutError as e:
        print("wait_for: TimeoutError, caused by", type(e.__cause__).__name__)
    print("wait_for in time:", await asyncio.wait_for(job("quick", 0.01), timeout=0.05))


asyncio.run(main())
