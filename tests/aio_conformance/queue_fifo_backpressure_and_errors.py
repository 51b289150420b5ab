# Queue: FIFO, put waits while full, get waits while empty, join waits for task_done;
# QueueEmpty / QueueFull / "task_done() called too many times".
import asyncio


async def producer(q):
    for i in range(4):
        await q.put(i)
        print("put", i, "size", q.qsize())
    await q.put(None)
    print("producer done")


async def consumer(q):
    while (item := await q.get()) is not None:
        print("got", item)
        q.task_done()
    q.task_done()
    print("consumer done")


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q))
    c = asyncio.create_task(consumer(q))
    await q.join()
    print("joined")
    await p
    await c
    try:
        q.task_done()
    except ValueError as e:
        print(repr(e))
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print(repr(e))
    q1 = asyncio.Queue(1)
    q1.put_nowait("x")
    try:
        q1.put_nowait("y")
    except asyncio.QueueFull as e:
        print(repr(e), "full", q1.full())


asyncio.run(main())
