# asyncio.Queue(maxsize) keeps its bound: `maxsize`, `full()` when it is reached.
import asyncio


async def main():
    bounded, unbounded = asyncio.Queue(maxsize=2), asyncio.Queue()
    print(bounded.maxsize, unbounded.maxsize, bounded.full())
    await bounded.put("a")
    await bounded.put("b")
    print(bounded.full(), bounded.qsize(), unbounded.full())


asyncio.run(main())
