# `await 5`: TypeError("object int can't be used in 'await' expression").
import asyncio


async def main():
    for v in (5, [1, 2], "s"):
        try:
            await v
        except TypeError as e:
            print(repr(e))


asyncio.run(main())
