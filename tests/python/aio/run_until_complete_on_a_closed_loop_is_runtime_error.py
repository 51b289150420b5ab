# A closed loop cannot run anything.
import asyncio


async def job():
    return 1


loop = asyncio.new_event_loop()
loop.close()
coro = job()
try:
    loop.run_until_complete(coro)
except RuntimeError as e:
    print("RuntimeError:", e)
coro.close()
