# sleep(0) is a bare yield: the task goes to the back of the FIFO ready queue.
import asyncio


async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
    print(name, "done")


async def main():
    tasks = [asyncio.create_task(worker(n, k)) for n, k in (("a", 3), ("b", 1), ("c", 2))]
    print("main waits")
    for t in tasks:
        await t
    print("all done")


asyncio.run(main())
