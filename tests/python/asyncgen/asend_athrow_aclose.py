# The async generator protocol by hand: __anext__, asend, athrow, aclose.
import asyncio


async def echo():
    received = None
    try:
        while True:
            try:
                received = yield f"echo {received}"
            except ValueError as e:
                print("echo caught", repr(e))
                received = "after error"
    finally:
        print("echo: finally runs")
        await asyncio.sleep(0)
        print("echo: finally awaited")


async def main():
    g = echo()
    print(await g.__anext__())
    print(await g.asend("hi"))
    print(await g.athrow(ValueError("bad")))
    print(await g.asend("again"))
    print(await g.aclose())
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed: StopAsyncIteration")
    fresh = echo()
    print(await fresh.aclose(), "(never started: nothing runs)")
    third = echo()
    aw = third.__anext__()
    print(await aw)
    try:
        await aw
    except RuntimeError as e:
        print("RuntimeError:", e)
    await third.aclose()


asyncio.run(main())
