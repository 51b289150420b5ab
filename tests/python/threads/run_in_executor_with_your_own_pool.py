# run_in_executor takes an executor of your own; wrap_future turns a concurrent future
# into one a coroutine can await.
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


def where(tag):
    return tag, threading.current_thread().name.startswith("mine")


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="mine") as pool:
        print(await loop.run_in_executor(pool, where, "run_in_executor"))
        print(await asyncio.wrap_future(pool.submit(where, "wrap_future")))
        try:
            await loop.run_in_executor(pool, int, "not a number")
        except ValueError as e:
            print("ValueError:", e)
    await loop.shutdown_default_executor()
    print("default executor shut down")


asyncio.run(main())
