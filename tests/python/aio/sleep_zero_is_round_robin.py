# Each `await asyncio.sleep(0)` sends the task to the back of the ready queue.
import asyncio


async def worker(name):
    for step in range(3):
        print(name, step)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(worker("a"), worker("b"), worker("c"))


asyncio.run(main())
