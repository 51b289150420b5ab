# A task cancelled before it first runs ends cancelled; its body never starts.
import asyncio


async def worker():
    print("not printed")


async def main():
    task = asyncio.create_task(worker())
    task.cancel()
    await asyncio.sleep(0)
    print(task.cancelled())


asyncio.run(main())
