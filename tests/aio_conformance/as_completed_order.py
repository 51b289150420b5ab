# as_completed() yields results in the order they finish; its timeout raises TimeoutError.
import asyncio


async def value_after(v, d):
    await asyncio.sleep(d)
    return v


async def main():
    coros = [value_after("slow", 0.3), value_after("fast", 0.1), value_after("mid", 0.2)]
    for i, next_done in enumerate(asyncio.as_completed(coros)):
        print(i, await next_done)
    try:
        for f in asyncio.as_completed([value_after("never", 0.3)], timeout=0.05):
            print("not printed", await f)
    except asyncio.TimeoutError as e:
        print("timeout:", repr(e))


asyncio.run(main())
