# Without return_exceptions the first error propagates while the other children run on;
# cancelling the gather cancels its children.
import asyncio


async def value_after(v, d):
    await asyncio.sleep(d)
    return v


async def fail_after(d):
    await asyncio.sleep(d)
    raise ValueError("boom")


async def main():
    late = asyncio.create_task(value_after("late", 0.3))
    try:
        await asyncio.gather(late, fail_after(0))
    except ValueError as e:
        print("gather raised", repr(e), "late done:", late.done())
    print("late still finishes:", await late)
    a = asyncio.create_task(value_after("a", 1))
    b = asyncio.create_task(value_after("b", 1))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)
    print("cancel gather:", g.cancel())
    try:
        await g
    except asyncio.CancelledError as e:
        print("await gather: CancelledError", e.args)
    print("children cancelled:", a.cancelled(), b.cancelled(), "gather cancelled:", g.cancelled())


asyncio.run(main())
