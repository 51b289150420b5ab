# The outer task takes the inner task's outcome: if the inner swallows the cancellation
# and returns a value, the outer's await gives that value and the outer is not cancelled.
import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "inner swallowed it"


async def outer(t):
    return await t


async def main():
    t_inner = asyncio.create_task(inner())
    t_outer = asyncio.create_task(outer(t_inner))
    await asyncio.sleep(0)
    t_outer.cancel()
    print(await t_outer, t_outer.cancelled(), t_inner.cancelled())


asyncio.run(main())
