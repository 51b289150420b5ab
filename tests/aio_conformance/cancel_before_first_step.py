# Cancelled before its first step: the body never runs and the task ends cancelled.
import asyncio
import inspect


async def body():
    try:
        print("body runs: not printed")
        await asyncio.sleep(1)
    finally:
        print("finally: not printed either")


async def main():
    t = asyncio.create_task(body())
    print("cancel:", t.cancel())
    await asyncio.sleep(0)
    print("done", t.done(), "cancelled", t.cancelled())
    print("coroutine state:", inspect.getcoroutinestate(t.get_coro()))


asyncio.run(main())
