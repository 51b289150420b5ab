# The outer task takes the inner task's outcome: if the inner one swallows the
# cancellation and returns v, the outer's await yields v and it is not cancelled.
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner swallows the cancellation")
    return "v"


async def outer(t):
    r = await t
    print("outer's await gave", r)
    return r + "!"


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    print("cancel outer:", o.cancel())
    print("await outer:", await o)
    print("outer cancelled", o.cancelled(), "cancelling", o.cancelling())
    print("inner cancelled", i.cancelled(), "cancelling", i.cancelling())


asyncio.run(main())
