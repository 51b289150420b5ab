# Cancelling the gather future cancels every child still running.
import asyncio


async def child(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("child", n, "cancelled")
        raise


async def main():
    group = asyncio.gather(child(1), child(2))
    await asyncio.sleep(0)
    group.cancel()
    try:
        await group
    except asyncio.CancelledError:
        print("gather cancelled")


asyncio.run(main())
