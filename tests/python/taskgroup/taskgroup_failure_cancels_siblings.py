# The first task that fails cancels the others; the failure comes out of the block
# inside an ExceptionGroup.
import asyncio


async def worker(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled at {asyncio.get_running_loop().time()}")
        raise
    if fail:
        raise ValueError(f"{name} broke")
    print(f"{name} finished")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            quick = tg.create_task(worker("quick", 1))
            tg.create_task(worker("breaker", 2, fail=True))
            slow = tg.create_task(worker("slow", 5))
    except ExceptionGroup as eg:
        print("caught:", eg)
        print("message:", eg.message)
        print("inside:", eg.exceptions)
    print("quick", quick.result(), "slow cancelled", slow.cancelled())


asyncio.run(main())
