# Cancelling the task that runs a TaskGroup cancels the group's tasks too; once they have
# finished, the CancelledError goes on, unwrapped.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("child"))
            await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("runner sees", repr(e))
        raise


async def main():
    t = asyncio.create_task(runner())
    await asyncio.sleep(1)
    t.cancel("stop it")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main sees", repr(e), "cancelled:", t.cancelled())


asyncio.run(main())
