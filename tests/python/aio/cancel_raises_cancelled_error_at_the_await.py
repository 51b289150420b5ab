# cancel() makes the task's current await raise CancelledError; finally blocks run.
import asyncio


async def worker():
    try:
        print("worker sleeping")
        await asyncio.sleep(10)
        print("not reached")
    finally:
        print("worker cleanup")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print("cancel() returned", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("main saw CancelledError")
    print(task.done(), task.cancelled())


asyncio.run(main())
