# A failing task also cancels the task running the block, so the block's own `await`
# stops; that cancellation is taken back on the way out, and the code after the
# `try` goes on as if nothing had been cancelled.
import asyncio


async def crash_soon():
    await asyncio.sleep(1)
    raise RuntimeError("crashed")


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(crash_soon())
            try:
                await asyncio.sleep(100)
            except asyncio.CancelledError:
                print("the block's await was cancelled; cancelling() =", me.cancelling())
                raise
            print("not reached")
    except* RuntimeError as eg:
        print("handled", repr(eg.exceptions[0]))
    print("after: cancelling() =", me.cancelling(), "time", asyncio.get_running_loop().time())
    await asyncio.sleep(1)
    print("and the task can still await:", asyncio.get_running_loop().time())


asyncio.run(main())
