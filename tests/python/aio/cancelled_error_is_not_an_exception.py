# CancelledError derives from BaseException: `except Exception` does not catch it.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except Exception:
        print("not reached")


async def main():
    print(issubclass(asyncio.CancelledError, Exception))
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.sleep(0)
    print(task.cancelled())


asyncio.run(main())
