# A TaskGroup is used once, inside `async with`, and says what is wrong otherwise.
import asyncio


async def nothing():
    await asyncio.sleep(0)


async def main():
    tg = asyncio.TaskGroup()
    print(repr(tg))
    coro = nothing()
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()
    async with tg:
        print(repr(tg))
        tg.create_task(nothing())
        print(repr(tg))
    print(repr(tg))
    coro = nothing()
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(e)
    coro.close()
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print(e)
    print(isinstance(tg, asyncio.TaskGroup))


asyncio.run(main())
