# A task's exception is stored; awaiting the task raises it there.
import asyncio


async def faulty():
    raise ConnectionError("lost")


async def main():
    task = asyncio.create_task(faulty())
    await asyncio.sleep(0)
    print("task done:", task.done())
    try:
        await task
    except ConnectionError as e:
        print("awaiting raised", repr(e))


asyncio.run(main())
