# close() on a coroutine that keeps awaiting after GeneratorExit:
# RuntimeError('coroutine ignored GeneratorExit').
import asyncio
import inspect


async def stubborn():
    ignored = 0
    while True:
        try:
            await asyncio.sleep(0)
        except GeneratorExit:
            ignored += 1
            print("ignoring GeneratorExit", ignored)
            if ignored > 1:
                raise


c = stubborn()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print(repr(e))
print(inspect.getcoroutinestate(c))
c.close()
print(inspect.getcoroutinestate(c))
