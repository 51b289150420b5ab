# gather turns each coroutine into a task, started in argument order.
import asyncio


async def name_me():
    return asyncio.current_task().get_name()


async def main():
    print(await asyncio.gather(name_me(), name_me(), name_me()))


asyncio.run(main())
