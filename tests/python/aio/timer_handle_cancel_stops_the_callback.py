# A call_later handle can be cancelled before it fires.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    keep = loop.call_later(1, print, "kept timer fired")
    drop = loop.call_later(1, print, "dropped timer fired")
    drop.cancel()
    await asyncio.sleep(2)
    print(keep.cancelled(), drop.cancelled())


asyncio.run(main())
