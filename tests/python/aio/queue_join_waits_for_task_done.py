# queue.join() returns once task_done() was called for every item put.
import asyncio


async def worker(queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(item)
        print("processed", item)
        queue.task_done()


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    queue = asyncio.Queue()
    for item in (2, 1, 3):
        queue.put_nowait(item)
    task = asyncio.create_task(worker(queue))
    await queue.join()
    print("all processed after", round(loop.time() - start, 1))
    task.cancel()


asyncio.run(main())
