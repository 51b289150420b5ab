# A task awaiting itself gets RuntimeError('Task cannot await on itself: <repr>').
import asyncio


async def selfish():
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as e:
        # The repr ends with a file path: keep what is deterministic.
        print(str(e).split(" coro=")[0])
    return "survived"


async def main():
    t = asyncio.create_task(selfish())
    print(await t)


asyncio.run(main())
