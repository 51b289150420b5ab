# A task awaiting a Future sleeps until someone sets its result.
import asyncio


async def waiter(fut):
    print("waiting for the future")
    print("got", await fut)


async def main():
    fut = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(waiter(fut))
    await asyncio.sleep(1)
    fut.set_result(42)
    await task


asyncio.run(main())
