# Cancelling a task parked on another task cancels the inner one; if the inner task
# re-raises, both end cancelled.
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    finally:
        print("inner finally")


async def outer(t):
    try:
        await t
    finally:
        print("outer finally")


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    print("cancel outer:", o.cancel())
    print("inner cancelling", i.cancelling(), "outer cancelling", o.cancelling())
    try:
        await o
    except asyncio.CancelledError:
        print("await outer: CancelledError")
    print("inner cancelled", i.cancelled(), "outer cancelled", o.cancelled())


asyncio.run(main())
