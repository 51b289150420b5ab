# After close(): run_until_complete and run_forever raise "Event loop is closed".
import asyncio
import inspect


async def ok():
    return "ran"


loop = asyncio.new_event_loop()
print(loop.run_until_complete(ok()))
loop.close()
print("closed", loop.is_closed())
c = ok()
try:
    loop.run_until_complete(c)
except RuntimeError as e:
    print("run_until_complete", repr(e))
print("coroutine untouched:", inspect.getcoroutinestate(c))
c.close()
try:
    loop.run_forever()
except RuntimeError as e:
    print("run_forever", repr(e))
loop.close()
print("closing twice is fine")
