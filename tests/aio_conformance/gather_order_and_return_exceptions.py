# gather(): results in argument order; return_exceptions puts errors (and CancelledError(''))
# in their places.
import asyncio


async def value_after(v, d):
    await asyncio.sleep(d)
    return v


async def fail_after(d):
    await asyncio.sleep(d)
    raise ValueError("boom")


async def main():
    print(await asyncio.gather(value_after("slow", 0.1), value_after("fast", 0.05), value_after("now", 0)))
    doomed = asyncio.create_task(asyncio.sleep(1))
    g = asyncio.gather(value_after(1, 0), fail_after(0), doomed, return_exceptions=True)
    doomed.cancel()
    print(await g)
    print("empty:", await asyncio.gather())


asyncio.run(main())
