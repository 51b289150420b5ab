# A coroutine object is a coroutine and awaitable; a task is awaitable only.
import asyncio
import inspect


async def job():
    pass


async def main():
    c = job()
    t = asyncio.create_task(job())
    print(asyncio.iscoroutine(c), inspect.iscoroutine(t), inspect.isawaitable(c), inspect.isawaitable(t))
    await c
    await t


asyncio.run(main())
