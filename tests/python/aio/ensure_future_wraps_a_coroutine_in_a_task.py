# ensure_future turns a coroutine into a Task and returns a Future unchanged.
import asyncio


async def job():
    return "job done"


async def main():
    task = asyncio.ensure_future(job())
    print(isinstance(task, asyncio.Task), await task)
    fut = asyncio.get_running_loop().create_future()
    print(asyncio.ensure_future(fut) is fut)
    fut.cancel()


asyncio.run(main())
