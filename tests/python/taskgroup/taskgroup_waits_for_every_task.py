# Leaving `async with TaskGroup()` waits for every task the group started, however long
# each takes; their results are there afterwards.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} fetched at {asyncio.get_running_loop().time()}")
    return name.upper()


async def main():
    async with asyncio.TaskGroup() as tg:
        slow = tg.create_task(fetch("slow", 3))
        fast = tg.create_task(fetch("fast", 1), name="the-fast-one")
        print("both started; the block ends now, the group waits")
    print("after the block at", asyncio.get_running_loop().time())
    print(slow.result(), fast.result(), fast.get_name())
    print(slow.done(), fast.done())


asyncio.run(main())
