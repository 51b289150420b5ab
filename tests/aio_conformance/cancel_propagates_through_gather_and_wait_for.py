# Cancelling a task parked on gather() cancels the children; parked on wait_for(), the
# inner task is cancelled and waited for before the CancelledError leaves wait_for.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    finally:
        print(name, "cleaned up")


async def via_gather(a, b):
    try:
        await asyncio.gather(a, b)
    except asyncio.CancelledError:
        print("via_gather: CancelledError at the await")
        raise


async def via_wait_for(inner):
    try:
        await asyncio.wait_for(inner, 10)
    except asyncio.CancelledError:
        print("via_wait_for: CancelledError; inner done:", inner.done())
        raise


async def main():
    a = asyncio.create_task(child("a"))
    b = asyncio.create_task(child("b"))
    g = asyncio.create_task(via_gather(a, b))
    await asyncio.sleep(0)
    print("cancel:", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather task cancelled", g.cancelled(), "children", a.cancelled(), b.cancelled())
    inner = asyncio.create_task(child("inner"))
    w = asyncio.create_task(via_wait_for(inner))
    await asyncio.sleep(0)
    print("cancel:", w.cancel())
    try:
        await w
    except asyncio.CancelledError:
        print("wait_for task cancelled", w.cancelled(), "inner", inner.cancelled())


asyncio.run(main())
