# An async generator may await between its yields; `async for` takes each value in turn.
import asyncio


async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i * 10
    print("ticker: no more ticks")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async for t in ticker(3, 0.5):
        print(f"got {t} at {loop.time() - start:.1f}")
    print("comprehension:", [t async for t in ticker(4, 0)])
    print("filtered:", [t async for t in ticker(5, 0) if t % 20 == 0])
    gen = ticker(1, 0)
    print(type(gen).__name__, gen.__name__, gen.ag_running)


asyncio.run(main())
