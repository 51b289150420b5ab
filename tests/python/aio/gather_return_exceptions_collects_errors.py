# return_exceptions=True puts exceptions in the result list instead of raising.
import asyncio


async def job(n):
    await asyncio.sleep(n)
    if n % 2:
        raise ValueError(f"odd {n}")
    return n


async def main():
    results = await asyncio.gather(*(job(n) for n in range(4)), return_exceptions=True)
    print(results)


asyncio.run(main())
