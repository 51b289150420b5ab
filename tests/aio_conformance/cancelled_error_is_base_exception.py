# CancelledError is a BaseException, not an Exception: `except Exception` lets it through.
import asyncio

print("CancelledError < BaseException:", issubclass(asyncio.CancelledError, BaseException))
print("CancelledError < Exception:", issubclass(asyncio.CancelledError, Exception))
print("InvalidStateError < Exception:", issubclass(asyncio.InvalidStateError, Exception))
print("asyncio.TimeoutError is TimeoutError:", asyncio.TimeoutError is TimeoutError)


async def guarded():
    try:
        await asyncio.sleep(1)
    except Exception:
        print("not printed")
    print("not printed either")


async def main():
    t = asyncio.create_task(guarded())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except BaseException as e:
        print("caught", type(e).__name__, "isinstance Exception:", isinstance(e, Exception))


asyncio.run(main())
