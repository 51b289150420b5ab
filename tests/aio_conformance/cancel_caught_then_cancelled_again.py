# Catch the cancellation and await again: the task runs on; a further cancel() raises
# a new CancelledError at the await it is parked on.
import asyncio


async def persistent():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("first cancel caught; cancelling =", me.cancelling())
    print("awaiting again")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("second cancel arrives at the new await; cancelling =", me.cancelling())
        raise


async def main():
    t = asyncio.create_task(persistent())
    await asyncio.sleep(0)
    print("cancel 1:", t.cancel())
    await asyncio.sleep(0)
    print("task still running:", not t.done())
    print("cancel 2:", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("task ended cancelled:", t.cancelled())


asyncio.run(main())
