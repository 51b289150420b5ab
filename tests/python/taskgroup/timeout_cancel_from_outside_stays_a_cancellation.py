# A cancellation that is not the timeout's own goes through a timeout block unchanged,
# even when the deadline passed at the same time.
import asyncio


async def guarded():
    try:
        async with asyncio.timeout(10):
            await asyncio.sleep(60)
    except TimeoutError:
        print("not reached")
    except asyncio.CancelledError as e:
        print("guarded sees", repr(e))
        raise


async def both(t_started):
    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(60)
        finally:
            print("expired", cm.expired())


async def main():
    t = asyncio.create_task(guarded())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled())
    t2 = asyncio.create_task(both(None))
    await asyncio.sleep(1)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError:
        print("cancelled, not timed out:", t2.cancelled())
    except TimeoutError:
        print("timed out")


asyncio.run(main())
