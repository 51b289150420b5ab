# Once a task has failed, the group is shutting down: it starts nothing new.
import asyncio


async def fail():
    await asyncio.sleep(1)
    raise ValueError("first")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
            await asyncio.sleep(1.5)
    except* ValueError:
        print("handled")
    try:
        async with asyncio.TaskGroup() as tg2:
            tg2.create_task(fail())
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                coro = asyncio.sleep(1)
                try:
                    tg2.create_task(coro)
                except RuntimeError as e:
                    print(e)
                    coro.close()
                raise
    except* ValueError as eg:
        print(eg)


asyncio.run(main())
