# current_task() is the task running now; tasks are named Task-1, Task-2, ...
import asyncio


async def child():
    print("child:", asyncio.current_task().get_name())


async def main():
    print("main:", asyncio.current_task().get_name())
    await asyncio.create_task(child())
    await asyncio.create_task(child(), name="custom")


asyncio.run(main())
