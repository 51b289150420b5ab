# Outside a coroutine, get_event_loop gives a loop that is not running; run_until_complete
# runs a coroutine on it and returns its result.
import asyncio


async def answer():
    await asyncio.sleep(1)
    return 42


loop = asyncio.get_event_loop()
print(loop.is_running())
print(loop.run_until_complete(answer()))
print(loop.run_until_complete(answer()))
loop.close()
