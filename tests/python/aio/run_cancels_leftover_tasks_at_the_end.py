# When main returns, asyncio.run cancels the tasks still pending and waits for them.
import asyncio


async def background():
    try:
        await asyncio.sleep(100)
    finally:
        print("background cleaned up")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
print("run returned")
