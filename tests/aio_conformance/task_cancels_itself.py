# A task that cancels itself: the CancelledError arrives at its next await; if it
# returns without awaiting, it still ends cancelled and the return value is dropped; if it
# parks on a future, that future is cancelled with the message straight away.
import asyncio


async def quitter():
    me = asyncio.current_task()
    print("cancel myself:", me.cancel())
    print("still running after cancel()")
    return 42


async def quitter_awaits():
    asyncio.current_task().cancel("self")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("CancelledError at the next await:", e.args)
        raise


async def quitter_parks():
    asyncio.current_task().cancel("parked")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("parking on a future cancels it at once:", e.args)
        raise


async def main():
    t = asyncio.create_task(quitter())
    try:
        print("not printed", await t)
    except asyncio.CancelledError as e:
        print("quitter: cancelled", t.cancelled(), "args", e.args)
    t2 = asyncio.create_task(quitter_awaits())
    try:
        await t2
    except asyncio.CancelledError as e:
        print("quitter_awaits: cancelled", t2.cancelled(), "args", e.args)
    t3 = asyncio.create_task(quitter_parks())
    try:
        await t3
    except asyncio.CancelledError as e:
        print("quitter_parks: cancelled", t3.cancelled(), "args", e.args)


asyncio.run(main())
