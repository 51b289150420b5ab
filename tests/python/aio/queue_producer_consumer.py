# A producer and a consumer pass items through an asyncio.Queue, FIFO.
import asyncio


async def producer(queue):
    for item in range(3):
        await queue.put(item)
        print("put", item)
        await asyncio.sleep(1)
    await queue.put(None)


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print("got", item)


async def main():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
