# call_soon(f, *args) calls f(*args); its handle can be cancelled before it runs.
import asyncio


def report(a, b, sep):
    print(a, b, sep=sep)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(report, 1, 2, "-")
    handle = loop.call_soon(report, 3, 4, "+")
    handle.cancel()
    await asyncio.sleep(0)
    print(handle.cancelled())


asyncio.run(main())
