# A task that fails and is never awaited: asyncio's logger reports it when the task goes,
# with the task's repr and the traceback, on stderr.
import asyncio
import sys


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("nobody asked")


async def main():
    asyncio.create_task(fail())
    await asyncio.sleep(0.5)
    print("main done")
    sys.stderr.write("main's own line on stderr\n")


asyncio.run(main())
