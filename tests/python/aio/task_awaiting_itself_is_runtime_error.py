# A task cannot await itself; the error shows the task's repr.
import asyncio


async def selfish():
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as e:
        print("RuntimeError:", e)


async def main():
    asyncio.create_task(selfish())
    await asyncio.sleep(1)


asyncio.run(main())
