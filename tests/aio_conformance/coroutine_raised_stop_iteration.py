# A StopIteration leaving a coroutine becomes RuntimeError('coroutine raised StopIteration').
import asyncio


async def bad():
    raise StopIteration(5)


async def main():
    t = asyncio.create_task(bad())
    try:
        await t
    except RuntimeError as e:
        print("task:", repr(e), "cause", repr(e.__cause__))
    c = bad()
    try:
        c.send(None)
    except RuntimeError as e:
        print("send:", repr(e))


asyncio.run(main())
