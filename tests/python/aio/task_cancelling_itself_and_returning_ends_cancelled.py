# A task that cancels itself and returns without awaiting again still ends cancelled;
# its return value is lost.
import asyncio


async def quitter():
    asyncio.current_task().cancel()
    return "lost"


async def main():
    task = asyncio.create_task(quitter())
    try:
        print(await task)
    except asyncio.CancelledError:
        print("cancelled:", task.cancelled())


asyncio.run(main())
