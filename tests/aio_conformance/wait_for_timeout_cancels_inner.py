# wait_for: the result in time; on timeout the inner task is cancelled and waited for,
# and TimeoutError is raised from its CancelledError.
import asyncio


async def value_after(v, d):
    await asyncio.sleep(d)
    return v


async def inner():
    try:
        await asyncio.sleep(0.3)
        return "late"
    finally:
        print("inner finally")


async def main():
    print("in time:", await asyncio.wait_for(value_after("quick", 0.01), 0.1))
    print("no timeout:", await asyncio.wait_for(value_after("unbounded", 0), None))
    t = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(t, 0.05)
    except asyncio.TimeoutError as e:
        print("raised", repr(e), "cause", repr(e.__cause__), "inner cancelled", t.cancelled())
    t2 = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(t2, 0)
    except asyncio.TimeoutError as e:
        print("timeout 0: raised", repr(e), "cause", repr(e.__cause__), "cancelled", t2.cancelled())


asyncio.run(main())
