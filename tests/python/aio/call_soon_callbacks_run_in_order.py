# call_soon callbacks run in the order they were scheduled, after the current step.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for name in "xyz":
        loop.call_soon(print, "callback", name)
    print("scheduled")
    await asyncio.sleep(0)
    print("main again")


asyncio.run(main())
