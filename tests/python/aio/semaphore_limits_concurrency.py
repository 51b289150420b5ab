# Semaphore(2): at most two tasks inside at once.
import asyncio

inside = 0


async def worker(n, sem):
    global inside
    async with sem:
        inside += 1
        print(f"{n} in, {inside} inside")
        await asyncio.sleep(1)
        inside -= 1


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(n, sem) for n in range(5)))


asyncio.run(main())
