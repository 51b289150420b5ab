# Awaiting a coroutine does not go through the loop: it runs inline until it suspends.
import asyncio


async def other():
    print("other task runs")


async def quick():
    print("quick runs inline")
    return 1


async def slow():
    print("slow starts inline")
    await asyncio.sleep(0)
    print("slow resumes")
    return 2


async def main():
    t = asyncio.create_task(other())
    print("quick returned", await quick())
    print("slow returned", await slow())
    await t


asyncio.run(main())
