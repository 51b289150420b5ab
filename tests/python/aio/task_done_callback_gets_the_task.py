# add_done_callback on a task: called with the task once it is done.
import asyncio


async def job():
    await asyncio.sleep(1)
    return "result"


async def main():
    task = asyncio.create_task(job(), name="job")
    task.add_done_callback(lambda t: print("done:", t.get_name(), t.result()))
    await task
    await asyncio.sleep(0)


asyncio.run(main())
