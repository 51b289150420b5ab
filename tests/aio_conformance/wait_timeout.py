# asyncio.wait(timeout=...) returns what is done by then and does not cancel the rest.
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    a = asyncio.create_task(job(0.05), name="a")
    b = asyncio.create_task(job(0.3), name="b")
    done, pending = await asyncio.wait([a, b], timeout=0.1)
    print("done", names(done), "pending", names(pending))
    print("b still running:", not b.done(), "cancelled:", b.cancelled())
    b.cancel()
    done, pending = await asyncio.wait([b], timeout=1)
    print("after cancel: done", names(done), "pending", names(pending), "cancelled", b.cancelled())


asyncio.run(main())
