# cancel() on a finished task does nothing and returns False.
import asyncio


async def quick():
    return 1


async def main():
    task = asyncio.create_task(quick())
    await task
    print(task.cancel(), task.cancelled(), task.result())


asyncio.run(main())
