# Nested timeouts: the one whose deadline passed raises TimeoutError, the other does
# not; reschedule moves a deadline, and is refused outside the block.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(0.3) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(5)
            finally:
                print("inner expired", inner.expired())
    except TimeoutError:
        print("outer fired", outer.expired(), round(loop.time() - start, 3))
    start = loop.time()
    async with asyncio.timeout(1) as outer:
        try:
            async with asyncio.timeout(0.2) as inner:
                await asyncio.sleep(5)
        except TimeoutError:
            print("inner fired", inner.expired(), round(loop.time() - start, 3))
    print("outer expired", outer.expired())
    start = loop.time()
    try:
        async with asyncio.timeout(None) as t:
            t.reschedule(loop.time() + 0.4)
            await asyncio.sleep(0.2)
            t.reschedule(loop.time() + 0.4)
            await asyncio.sleep(5)
    except TimeoutError:
        print("rescheduled fired", round(loop.time() - start, 3))
    try:
        t.reschedule(None)
    except RuntimeError as e:
        print(e)


asyncio.run(main())
