# A task's repr: state, name, coroutine and the line it is paused at.
import asyncio


async def spin():
    await asyncio.sleep(1)
    return "spun"


async def main():
    task = asyncio.create_task(spin())
    await asyncio.sleep(0)
    print(task)
    await task
    print(task)


asyncio.run(main())
