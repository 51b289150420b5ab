# Awaiting a coroutine runs it in the same task, at once: no trip round the loop.
import asyncio


async def helper():
    print("helper runs in", asyncio.current_task().get_name())
    return "helped"


async def other():
    print("other task runs")


async def main():
    asyncio.create_task(other())
    print(await helper())
    print("main still before other")
    await asyncio.sleep(0)


asyncio.run(main())
