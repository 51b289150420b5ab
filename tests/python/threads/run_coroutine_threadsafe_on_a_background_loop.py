# A loop runs forever in a thread; plain code submits coroutines to it and waits.
import asyncio
import threading


async def double(n):
    await asyncio.sleep(0.01)
    return n * 2


async def fail():
    raise KeyError("missing")


loop = asyncio.new_event_loop()
thread = threading.Thread(target=loop.run_forever)
thread.start()
futures = [asyncio.run_coroutine_threadsafe(double(n), loop) for n in range(4)]
print([f.result(timeout=5) for f in futures])
bad = asyncio.run_coroutine_threadsafe(fail(), loop)
try:
    bad.result()
except KeyError as e:
    print("KeyError:", e)
try:
    asyncio.run_coroutine_threadsafe(42, loop)
except TypeError as e:
    print("TypeError:", e)
loop.call_soon_threadsafe(loop.stop)
thread.join()
loop.close()
print("loop closed:", loop.is_closed())
