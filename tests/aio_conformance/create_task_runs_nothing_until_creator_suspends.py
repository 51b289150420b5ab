# create_task() only queues the task's first step; the creator runs on until it suspends.
import asyncio


async def child(name):
    print(f"{name} starts")
    await asyncio.sleep(0)
    print(f"{name} ends")


async def main():
    a = asyncio.create_task(child("a"))
    b = asyncio.create_task(child("b"))
    print("created both; a.done() =", a.done())
    for i in range(3):
        print("main still running", i)
    await asyncio.sleep(0)
    print("main resumed")
    await a
    await b
    print("main done")


asyncio.run(main())
