# Leaving an `async for` early drops the generator; asyncio closes it with a task of its
# own (aclose), so its finally block runs, awaits included, soon after.
import asyncio


async def lines():
    try:
        for i in range(100):
            yield f"line {i}"
            await asyncio.sleep(0)
    finally:
        print("lines: cleaning up")
        await asyncio.sleep(0.1)
        print("lines: cleaned up")


async def main():
    async for line in lines():
        print(line)
        if line.endswith("2"):
            break
    print("after the loop")
    await asyncio.sleep(0.5)
    print("main ends")


asyncio.run(main())
