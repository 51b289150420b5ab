# wait_for cancels the awaitable when the timeout expires and raises TimeoutError.
import asyncio


async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        await asyncio.wait_for(slow(), timeout=1)
    except asyncio.TimeoutError:
        print("TimeoutError after", round(loop.time() - start, 1))


asyncio.run(main())
