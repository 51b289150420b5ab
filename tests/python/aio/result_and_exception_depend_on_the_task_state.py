# result() and exception() of a pending, finished and failed task.
import asyncio


async def ok():
    await asyncio.sleep(1)
    return "value"


async def bad():
    raise ValueError("failed")


async def main():
    t = asyncio.create_task(ok())
    for method in (t.result, t.exception):
        try:
            method()
        except asyncio.InvalidStateError as e:
            print("pending:", e)
    await t
    print("finished:", t.result(), t.exception())
    f = asyncio.create_task(bad())
    await asyncio.sleep(0)
    print("failed:", repr(f.exception()))
    try:
        f.result()
    except ValueError as e:
        print("result() re-raises", e)


asyncio.run(main())
