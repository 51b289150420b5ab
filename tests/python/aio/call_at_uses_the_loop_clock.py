# call_at takes an absolute time on loop.time()'s clock.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    done = loop.create_future()
    loop.call_at(now + 2, done.set_result, "at now + 2")
    print(await done, round(loop.time() - now, 1))


asyncio.run(main())
