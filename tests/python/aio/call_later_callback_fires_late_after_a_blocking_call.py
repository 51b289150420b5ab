# A timer due while the loop's thread is blocked in time.sleep runs late, at the loop's next turn.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    fired = loop.create_future()

    def ring(label):
        print(f"{label} rang at +{loop.time() - t0:.2f}s")
        fired.set_result(None)

    loop.call_later(0.3, ring, "call_later(0.3)")
    loop.call_at(t0 + 0.1, print, "call_at(+0.1) is due too")
    time.sleep(0.8)  # blocks the loop: neither timer can run yet
    print(f"after the blocking call: +{loop.time() - t0:.2f}s")
    await fired
    print(f"done at +{loop.time() - t0:.2f}s")


asyncio.run(main())
