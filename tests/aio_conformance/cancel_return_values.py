# cancel() returns True for a pending task (and counts it), False once done; it never
# runs coroutine code.
import asyncio


async def sleeper():
    print("sleeper starts")
    await asyncio.sleep(1)
    print("not reached")


async def ok():
    return 1


async def fail():
    raise ValueError("x")


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("cancel pending task:", t.cancel(), "cancelling:", t.cancelling())
    print("cancel again:", t.cancel(), "cancelling:", t.cancelling())
    print("cancel() ran no coroutine code; done:", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("await task: CancelledError")
    print("cancel cancelled task:", t.cancel(), "cancelling:", t.cancelling())
    a = asyncio.create_task(ok())
    b = asyncio.create_task(fail())
    await asyncio.sleep(0)
    print("cancel finished:", a.cancel(), "cancel failed:", b.cancel())
    print("failed task keeps", repr(b.exception()), "and cancelling", b.cancelling())
    f = loop.create_future()
    print("future cancel:", f.cancel(), "again:", f.cancel(), "cancelled:", f.cancelled())
    g = loop.create_future()
    g.set_result(1)
    print("cancel done future:", g.cancel())


asyncio.run(main())
