# A cancelled Task hands out its original CancelledError (with the message) on the
# first retrieval only; later retrievals raise a fresh CancelledError().
import asyncio


async def sleeper():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("why")
    await asyncio.sleep(0)
    for how in ("result", "exception", "result"):
        try:
            getattr(t, how)()
        except asyncio.CancelledError as e:
            print(how, e.args)
    t2 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t2.cancel("because")
    try:
        await t2
    except asyncio.CancelledError as e:
        print("await", e.args)
    try:
        t2.result()
    except asyncio.CancelledError as e:
        print("result after await", e.args)
    try:
        await t2
    except asyncio.CancelledError as e:
        print("await again", e.args)


asyncio.run(main())
