# Two tasks failing in the same turn are one group of two; except* takes it apart. A
# cancellation of the parent from outside is a CancelledError after the children end.
import asyncio


async def fail(exc):
    await asyncio.sleep(0.1)
    raise exc


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def grouped():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(KeyError("k")))
            tg.create_task(fail(ValueError("v")))
    except* KeyError as eg:
        print("keys", repr(eg))
    except* ValueError as eg:
        print("values", repr(eg))


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sleeper("child"))
        await asyncio.sleep(10)


async def main():
    await grouped()
    t = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("runner", repr(e), "cancelled", t.cancelled())


asyncio.run(main())
