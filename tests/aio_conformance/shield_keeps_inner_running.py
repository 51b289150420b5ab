# shield(t): cancelling the outer task does not cancel t, which runs on to completion.
import asyncio


async def inner():
    print("inner starts")
    await asyncio.sleep(0.3)
    print("inner finishes")
    return "inner result"


async def outer(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        print("outer cancelled at await shield(...)")
        raise


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    print("cancel outer:", o.cancel())
    try:
        await o
    except asyncio.CancelledError:
        print("outer is cancelled:", o.cancelled())
    print("inner done yet?", i.done(), "inner cancelling", i.cancelling())
    print("inner result:", await i)


asyncio.run(main())
