# A Future takes one result: a second set_result raises InvalidStateError.
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    print(fut.done())
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    print(fut.done(), fut.result(), await fut)


asyncio.run(main())
