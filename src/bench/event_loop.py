# corosim bench loop, CPython side: N tasks, each awaiting asyncio.sleep(0) K times.
# Prints one JSON object: wall seconds and the process's peak RSS in MiB.
import asyncio
import json
import resource
import sys
import time


async def worker(k):
    for _ in range(k):
        await asyncio.sleep(0)


async def main(n, k):
    tasks = [asyncio.create_task(worker(k)) for _ in range(n)]
    for task in tasks:
        await task


n, k = int(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
asyncio.run(main(n, k))
seconds = time.perf_counter() - start
rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
print(json.dumps({"seconds": seconds, "rss_mib": rss_mib}))
