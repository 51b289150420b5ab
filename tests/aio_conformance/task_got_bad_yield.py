# Yielding something that is not a Future or None: RuntimeError thrown back at the yield.
import asyncio
import types


@types.coroutine
def bad():
    yield 123
    return "unreachable"


@types.coroutine
def bad_but_catches():
    try:
        yield 123
    except RuntimeError as e:
        print("awaitable caught", repr(e))
    return "recovered"


async def main():
    try:
        await bad()
    except RuntimeError as e:
        print("main caught", repr(e))
    print("main got", await bad_but_catches())


asyncio.run(main())
