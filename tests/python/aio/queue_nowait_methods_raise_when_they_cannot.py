# get_nowait on an empty queue raises QueueEmpty; put_nowait on a full one QueueFull.
import asyncio


async def main():
    queue = asyncio.Queue(maxsize=1)
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    queue.put_nowait("x")
    try:
        queue.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull")
    print(queue.get_nowait(), queue.empty())


asyncio.run(main())
