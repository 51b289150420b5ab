# Two cancel() calls before the task runs: both return True, one CancelledError arrives.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cancelled once")
    await asyncio.sleep(1)
    return "survived"


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    print(task.cancel(), task.cancel(), task.cancelling())
    print(await task)


asyncio.run(main())
