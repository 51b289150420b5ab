# asyncio's loop.time() is a monotonic clock: in a program's first loop it reads what
# time.monotonic() reads, so a deadline taken from either one works with call_at, and
# the two move on together while the loop runs.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    print("same clock:", time.monotonic() == loop.time())
    offset = time.monotonic() - loop.time()
    fired = loop.create_future()
    loop.call_at(time.monotonic() + 1.5, lambda: fired.set_result(loop.time()))
    print("call_at(monotonic() + 1.5) fired at loop time", await fired)
    await asyncio.sleep(0.75)
    print("still together:", time.monotonic() - loop.time() == offset)
    deadline = loop.time() + 1
    while time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        print(f"polling at {loop.time():.2f}")


asyncio.run(main())
