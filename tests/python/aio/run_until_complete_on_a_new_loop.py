# The loop API: new_event_loop, run_until_complete (returns the result), close.
import asyncio


async def compute():
    await asyncio.sleep(1)
    return 6 * 7


loop = asyncio.new_event_loop()
print(loop.run_until_complete(compute()))
print(loop.is_closed())
loop.close()
print(loop.is_closed())
