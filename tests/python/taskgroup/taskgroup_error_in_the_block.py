# An exception raised by the block itself cancels the group's tasks, and joins their
# errors in the group (last).
import asyncio


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("only child"))
            await asyncio.sleep(1)
            raise LookupError("raised in the block")
    except ExceptionGroup as eg:
        print(repr(eg))
        print("context is the block's error:", eg.__context__ is eg.exceptions[0])
        print("suppressed:", eg.__suppress_context__, "cause:", eg.__cause__)


asyncio.run(main())
