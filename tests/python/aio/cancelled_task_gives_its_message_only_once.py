# A cancelled task re-raises the original CancelledError (with its message) once;
# later retrievals raise a fresh CancelledError without it.
import asyncio


async def worker():
    await asyncio.sleep(10)


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel("stop now")
    await asyncio.sleep(0)
    print(task.cancelled())
    for retrieve in (task.result, task.exception, task.result):
        try:
            retrieve()
        except asyncio.CancelledError as e:
            print(retrieve.__name__, e.args)


asyncio.run(main())
