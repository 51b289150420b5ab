# create_task schedules the task; it first runs when the creating coroutine suspends.
import asyncio


async def worker():
    print("worker runs")


async def main():
    task = asyncio.create_task(worker())
    print("task created")
    await asyncio.sleep(0)
    print("main resumed")
    await task


asyncio.run(main())
