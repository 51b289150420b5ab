# Cancelling a task that awaits another task cancels the inner one too.
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer(t):
    await t


async def main():
    t_inner = asyncio.create_task(inner())
    t_outer = asyncio.create_task(outer(t_inner))
    await asyncio.sleep(0)
    t_outer.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t_outer.cancelled(), t_inner.cancelled())


asyncio.run(main())
