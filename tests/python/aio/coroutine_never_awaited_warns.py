# A coroutine object that is never awaited triggers a RuntimeWarning when discarded.
import asyncio


async def forgotten():
    print("never runs")


async def main():
    forgotten()
    print("main goes on")


asyncio.run(main())
