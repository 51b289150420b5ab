# time.sleep blocks only the thread that calls it: a worker thread's nap does not hold
# the loop of the main thread, whose timers come on time (unlike a time.sleep in a
# coroutine, which blocks the loop's own thread).
import asyncio
import threading
import time


def worker():
    time.sleep(0.5)
    print("worker woke")


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    t = threading.Thread(target=worker)
    t.start()
    for n in range(3):
        await asyncio.sleep(0.1)
        print(f"tick {n} at +{loop.time() - t0:.1f}s")
    await loop.run_in_executor(None, t.join)
    print("joined")


asyncio.run(main())
