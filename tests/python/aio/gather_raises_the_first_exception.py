# Without return_exceptions, gather raises the first error; the others keep running.
import asyncio


async def fail(delay, message):
    await asyncio.sleep(delay)
    raise ValueError(message)


async def ok(delay):
    await asyncio.sleep(delay)
    print("ok finished anyway")


async def main():
    try:
        await asyncio.gather(fail(1, "first"), fail(2, "second"), ok(3))
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep(5)


asyncio.run(main())
