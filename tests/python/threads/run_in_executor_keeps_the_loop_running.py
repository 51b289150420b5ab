# run_in_executor hands a blocking call to a thread; the loop runs other tasks meanwhile.
import asyncio
import time


def blocking(n):
    time.sleep(0.2)
    return n * 2


async def ticker(log):
    for i in range(3):
        log.append("tick %d" % i)
        await asyncio.sleep(0.05)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    results = await asyncio.gather(
        loop.run_in_executor(None, blocking, 21),
        asyncio.to_thread(blocking, 5),
        ticker(log),
    )
    print(results)
    print(log)


asyncio.run(main())
