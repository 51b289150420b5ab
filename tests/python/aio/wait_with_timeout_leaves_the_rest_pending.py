# wait(..., timeout=t) returns after t seconds; unfinished tasks are not cancelled.
import asyncio


async def sleeper(n):
    await asyncio.sleep(n)
    return n


async def main():
    tasks = [asyncio.create_task(sleeper(n)) for n in (1, 2, 5)]
    done, pending = await asyncio.wait(tasks, timeout=2.5)
    print(len(done), len(pending), [t.cancelled() for t in pending])
    print(await asyncio.gather(*pending))


asyncio.run(main())
