# asyncio.sleep(delay, result) returns result when it wakes.
import asyncio


async def main():
    print(await asyncio.sleep(0.5, result="woke up"))
    print(await asyncio.sleep(0))


asyncio.run(main())
