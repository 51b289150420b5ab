# asyncio.timeout (3.11): past the deadline the block's await gets a CancelledError and
# the block raises TimeoutError, with that CancelledError as __cause__ and __context__.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    t = asyncio.timeout(0.5)
    print("before", repr(t))
    try:
        async with t:
            print("inside, deadline in", round(t.when() - start, 3))
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError as e:
                print("inner", repr(e))
                raise
    except TimeoutError as e:
        print("raised", repr(e))
        print("cause", repr(e.__cause__), "context is cause", e.__context__ is e.__cause__)
    print("elapsed", round(loop.time() - start, 3), "expired", t.expired(), repr(t))
    print("cancelling", asyncio.current_task().cancelling())
    async with asyncio.timeout(1) as ok:
        await asyncio.sleep(0.5)
    print("in time", ok.expired(), repr(ok))


asyncio.run(main())
