# cancel(msg): the CancelledError carries args == (msg,).
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("inside: args", e.args)
        raise


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("stop now")
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter: args", e.args)
    t2 = asyncio.create_task(sleeper())
    t2.cancel("early")
    try:
        await t2
    except asyncio.CancelledError as e:
        print("cancelled before its first step: args", e.args)
    t3 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t3.cancel()
    try:
        await t3
    except asyncio.CancelledError as e:
        print("no message: args", e.args)


asyncio.run(main())
