# asyncio.run runs the coroutine to completion and returns its result.
import asyncio


async def main():
    await asyncio.sleep(1)
    return "main's result"


print(asyncio.run(main()))
