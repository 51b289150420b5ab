# Cancelled while awaiting sleep(): CancelledError at the await, finally runs, the task
# ends cancelled and every retrieval raises CancelledError.
import asyncio


async def sleeper():
    try:
        print("sleeping")
        await asyncio.sleep(1)
        print("not reached")
    except asyncio.CancelledError as e:
        print("CancelledError at the await:", repr(e))
        raise
    finally:
        print("finally runs")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel:", t.cancel())
    print("right after cancel(): done", t.done())
    try:
        await t
    except asyncio.CancelledError as e:
        print("await task raised", repr(e))
    print("done", t.done(), "cancelled", t.cancelled())
    for name in ("result", "exception"):
        try:
            getattr(t, name)()
        except asyncio.CancelledError as e:
            print(name + "() raised", type(e).__name__)


asyncio.run(main())
