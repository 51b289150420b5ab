# A task that catches the CancelledError and returns ends NOT cancelled; cancelling()
# still reads 1 until uncancel(). `except Exception` does not catch the cancellation.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except Exception:
        print("not printed: except Exception does not catch CancelledError")
    except asyncio.CancelledError:
        print("caught CancelledError, returning")
        return "v"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("cancel:", t.cancel())
    print("await:", await t)
    print("cancelled", t.cancelled(), "result", repr(t.result()), "exception", t.exception())
    print("cancelling", t.cancelling())
    print("uncancel", t.uncancel(), "cancelling", t.cancelling())


asyncio.run(main())
