# By default wait() returns when every task is done, failed ones included.
import asyncio


async def job(n):
    await asyncio.sleep(n)
    if n == 2:
        raise KeyError(n)
    return n


async def main():
    tasks = [asyncio.create_task(job(n)) for n in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks)
    print(len(done), len(pending))
    print([repr(t.exception()) for t in tasks])


asyncio.run(main())
