# asyncio.PriorityQueue hands out the smallest item first and asyncio.LifoQueue the newest;
# both keep asyncio.Queue's protocol: a full queue makes put wait, an empty one makes get
# wait, the _nowait forms raise QueueFull / QueueEmpty, and join waits for task_done.
import asyncio


async def worker(name, queue, log):
    while True:
        priority, job = await queue.get()
        try:
            await asyncio.sleep(job / 10)
            log.append((name, priority, job))
        finally:
            queue.task_done()


async def main():
    queue = asyncio.PriorityQueue()
    for job in (9, 13, 15, 2, 5, 16, 11, 14):
        queue.put_nowait((job % 3, job))
    print(queue.qsize(), queue.empty(), queue.full(), queue.maxsize)
    log = []
    workers = [asyncio.create_task(worker(f"w{i}", queue, log)) for i in range(3)]
    await queue.join()
    for w in workers:
        w.cancel()
    print([type(r).__name__ for r in await asyncio.gather(*workers, return_exceptions=True)])
    print(log)

    stack = asyncio.LifoQueue(maxsize=2)
    await stack.put("a")
    await stack.put("b")
    try:
        stack.put_nowait("c")
    except asyncio.QueueFull:
        print("full", stack.full())
    late = asyncio.create_task(stack.put("c"))
    await asyncio.sleep(0)
    print(late.done(), await stack.get(), await stack.get(), late.done())
    await asyncio.sleep(0)
    print(late.done(), stack.get_nowait(), stack.empty())
    try:
        stack.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    getter = asyncio.create_task(stack.get())
    await asyncio.sleep(0)
    getter.cancel()
    try:
        await getter
    except asyncio.CancelledError:
        print("a waiting get was cancelled", stack.empty())
    try:
        stack.task_done()
        stack.task_done()
        stack.task_done()
        stack.task_done()
    except ValueError as e:
        print(e)


asyncio.run(main())
