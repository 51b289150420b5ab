# return_when=FIRST_EXCEPTION returns when a task raises.
import asyncio


async def job(n):
    await asyncio.sleep(n)
    if n == 2:
        raise RuntimeError("boom")
    return n


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [asyncio.create_task(job(n)) for n in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(round(loop.time() - start, 1), len(done), len(pending))
    await asyncio.wait(pending)


asyncio.run(main())
