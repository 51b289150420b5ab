# A Timeout is entered once, inside a task.
import asyncio


async def main():
    cm = asyncio.timeout(1)
    async with cm:
        pass
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print(e)
    print(repr(cm))


asyncio.run(main())

try:
    asyncio.timeout(1)
except RuntimeError as e:
    print(e)
