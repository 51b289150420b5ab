# A timeout around a TaskGroup: the deadline cancels the block, the group cancels its
# tasks, and the timeout turns the cancellation into TimeoutError.
import asyncio


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "done")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(2):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(worker("short", 1))
                tg.create_task(worker("long", 5))
    except TimeoutError as e:
        print("timed out at", loop.time(), repr(e.__cause__))
    print("cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
