# A task of the group that is cancelled (by someone else) is no error: the group goes on
# and waits for the others; a task that catches its cancellation and returns is a result.
import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke")
    return name


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn swallows the cancellation")
    return "kept going"


async def main():
    async with asyncio.TaskGroup() as tg:
        victim = tg.create_task(sleeper("victim", 5))
        other = tg.create_task(sleeper("other", 2))
        mule = tg.create_task(stubborn())
        await asyncio.sleep(1)
        print("cancel victim:", victim.cancel(), "cancel mule:", mule.cancel())
    print("victim cancelled:", victim.cancelled())
    print("other:", other.result(), "mule:", mule.result())
    print("time", asyncio.get_running_loop().time())
    print(repr(tg))


asyncio.run(main())
