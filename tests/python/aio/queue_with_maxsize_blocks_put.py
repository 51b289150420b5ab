# put() on a full queue waits until a get() makes room.
import asyncio


async def producer(queue):
    for item in range(3):
        await queue.put(item)
        print("put", item, "size", queue.qsize())


async def main():
    queue = asyncio.Queue(maxsize=1)
    task = asyncio.create_task(producer(queue))
    await asyncio.sleep(0)
    print("full:", queue.full())
    for _ in range(3):
        print("get", await queue.get())
        await asyncio.sleep(0)
    await task


asyncio.run(main())
