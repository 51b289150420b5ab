# What an async generator may not do, and how errors travel out of it.
import asyncio


async def fails_after(n):
    for i in range(n):
        yield i
    raise KeyError("gone")


async def ignores_close():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring GeneratorExit")
    yield 2


async def raises_stop():
    yield 1
    raise StopAsyncIteration


async def main():
    try:
        async for i in fails_after(2):
            print("item", i)
    except KeyError as e:
        print("KeyError", e)
    g = ignores_close()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    g2 = raises_stop()
    await g2.__anext__()
    try:
        await g2.__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__))
    try:
        await fails_after(1).athrow(TypeError, TypeError("at the start"))
    except TypeError as e:
        print("TypeError", e)


asyncio.run(main())
