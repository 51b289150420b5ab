# Two tasks each consume their own async generator: the awaits inside the generators
# hand control to the loop, so the tasks' lines interleave by the clock.
import asyncio


async def countdown(name, n, delay):
    while n > 0:
        await asyncio.sleep(delay)
        yield f"{name}: {n}"
        n -= 1


async def consume(name, n, delay):
    async for line in countdown(name, n, delay):
        print(line)
    return name


async def main():
    done = await asyncio.gather(consume("fast", 3, 0.1), consume("slow", 2, 0.25))
    print("done:", done)


asyncio.run(main())
