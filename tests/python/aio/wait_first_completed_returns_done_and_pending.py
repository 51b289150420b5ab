# wait(..., return_when=FIRST_COMPLETED) returns as soon as one task is done.
import asyncio


async def sleeper(n):
    await asyncio.sleep(n)
    return n


async def main():
    tasks = [asyncio.create_task(sleeper(n), name=f"s{n}") for n in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.result() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()


asyncio.run(main())
