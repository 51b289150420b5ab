# Concurrency: several jobs in progress at once, taking turns on one thread.
# Parallelism: several jobs running at the same instant, on several CPU cores.
import asyncio
from concurrent.futures import ProcessPoolExecutor


async def job(name, waits):
    for i in range(1, waits + 1):
        print("{}: waiting ({} of {})".format(name, i, waits))
        await asyncio.sleep(0.1)  # while this job waits, the one thread runs the others
    return name + " done"


async def concurrently():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [asyncio.create_task(job(name, waits), name=name) for name, waits in [("A", 2), ("B", 2), ("C", 1)]]
    results = await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    print("concurrently, one thread:", results)
    print("5 waits of 0.1 s overlapped into about 0.2 s:", elapsed < 0.45)


def count_primes(limit):
    """CPU work with no waiting in it: only more cores make it faster."""
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for n in range(2, int(limit**0.5) + 1):
        if sieve[n]:
            sieve[n * n :: n] = bytes(len(range(n * n, limit, n)))
    return sum(sieve)


if __name__ == "__main__":
    asyncio.run(concurrently())
    with ProcessPoolExecutor(max_workers=2) as pool:  # two processes: two cores at once
        print("in parallel, two workers:", list(pool.map(count_primes, [20_000, 30_000])))
