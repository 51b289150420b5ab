# all_tasks() holds every task not yet done, the current one included.
import asyncio


async def sleeper(n):
    await asyncio.sleep(n)


async def main():
    tasks = [asyncio.create_task(sleeper(n), name=f"sleeper-{n}") for n in (1, 2)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    await tasks[0]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    await tasks[1]


asyncio.run(main())
