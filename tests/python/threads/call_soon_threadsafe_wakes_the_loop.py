# Another thread hands a result to the loop with call_soon_threadsafe.
import asyncio
import threading
import time


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def worker():
        time.sleep(0.05)
        loop.call_soon_threadsafe(future.set_result, "from the thread")

    threading.Thread(target=worker).start()
    print(await future)
    print("same loop object:", loop is asyncio.get_running_loop())


asyncio.run(main())
