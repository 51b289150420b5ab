# cancel(msg) puts msg in the CancelledError's args.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("worker got", e.args)
        raise


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel("shutting down")
    try:
        await task
    except asyncio.CancelledError as e:
        print("main got", e.args)


asyncio.run(main())
