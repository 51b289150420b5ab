# Nested timeouts: each counts the cancellations it asked for, so only the one whose
# deadline passed turns the CancelledError into TimeoutError.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(5) as inner:
                    await asyncio.sleep(10)
            except TimeoutError:
                print("not the inner one")
            finally:
                print("inner expired:", inner.expired())
    except TimeoutError:
        print("outer expired:", outer.expired(), "at", loop.time())
    try:
        async with asyncio.timeout(5) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner fired at", loop.time(), "expired", inner.expired())
            await asyncio.sleep(1)
            print("outer still running at", loop.time())
    except TimeoutError:
        print("not the outer one")
    print("outer expired:", outer.expired())


asyncio.run(main())
