# corosim bench python: N tasks, each awaiting asyncio.sleep(0) K times, the same program
# under corosim's interpreter and CPython. usage: event_loop.py N K
# The bench times the whole process, minus a run with 0 tasks.
import asyncio
import sys


async def worker(k):
    for _ in range(k):
        await asyncio.sleep(0)


async def main(n, k):
    tasks = [asyncio.create_task(worker(k)) for _ in range(n)]
    for task in tasks:
        await task


asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
