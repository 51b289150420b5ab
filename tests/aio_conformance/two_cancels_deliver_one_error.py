# Two cancels before the task reacts: both return True, cancelling() == 2, but only
# one CancelledError is delivered.
import asyncio


async def victim():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("caught one CancelledError")
    await asyncio.sleep(0.01)
    print("second await completed normally")
    return "survived"


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    print("cancel:", t.cancel(), "cancel:", t.cancel(), "cancelling:", t.cancelling())
    print("result:", await t, "cancelled:", t.cancelled())


asyncio.run(main())
