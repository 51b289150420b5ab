# Awaiting a Future yields the Future itself to the task, marked as blocking.
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    it = fut.__await__()
    yielded = next(it)
    print(yielded is fut, fut._asyncio_future_blocking)
    fut.set_result("value")
    try:
        next(it)
    except StopIteration as e:
        print("StopIteration carries", e.value)


asyncio.run(main())
