# A running loop refuses run_until_complete before touching the coroutine; another loop
# and asyncio.run() refuse too.
import asyncio
import inspect


async def other():
    return 1


async def main(loop):
    c = other()
    try:
        loop.run_until_complete(c)
    except RuntimeError as e:
        print(repr(e))
    print("left un-awaited:", inspect.getcoroutinestate(c))
    c.close()
    loop2 = asyncio.new_event_loop()
    c2 = other()
    try:
        loop2.run_until_complete(c2)
    except RuntimeError as e:
        print(repr(e))
    c2.close()
    loop2.close()
    c3 = other()
    try:
        asyncio.run(c3)
    except RuntimeError as e:
        print(repr(e))
    c3.close()
    return "main done"


loop = asyncio.new_event_loop()
print(loop.run_until_complete(main(loop)))
loop.close()
