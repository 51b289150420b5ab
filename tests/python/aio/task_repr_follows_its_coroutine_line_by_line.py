# A task's repr names the line its coroutine is paused at, line by line: the def line
# before it starts, each await as it reaches it (the outer coroutine's own line while
# it awaits another), a generator-based coroutine's bare yield, and the def line once done.
import asyncio
import types


async def steps():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    for _ in range(2):
        await asyncio.sleep(0)
    return "walked"


async def leaf():
    await asyncio.sleep(1)


async def middle():
    await leaf()


@types.coroutine
def old_style():
    yield
    yield


async def main():
    task = asyncio.create_task(steps())
    print(task)
    while not task.done():
        await asyncio.sleep(0)
        print(task)
    nested = asyncio.create_task(middle())
    await asyncio.sleep(0)
    print(nested)
    await nested
    print(nested)
    old = asyncio.create_task(old_style())
    await asyncio.sleep(0)
    print(old)
    await old
    print(old)


asyncio.run(main())


# A chain of awaits counts toward the recursion limit as CPython's frames do.
async def deep(n):
    if n == 0:
        return 0
    return await deep(n - 1) + 1


def nest(n):
    if n == 0:
        return 0
    return (yield from nest(n - 1)) + 1


print(asyncio.run(deep(500)))
try:
    asyncio.run(deep(5000))
except RecursionError as e:
    print("await chain:", type(e).__name__)
try:
    for _ in nest(5000):
        pass
except RecursionError as e:
    print("yield from chain:", type(e).__name__)
