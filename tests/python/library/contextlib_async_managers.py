# contextlib's asynchronous managers: @asynccontextmanager around async with (awaiting in
# its setup and its finally), AsyncExitStack, and an error raised in the block.
import asyncio
import contextlib


@contextlib.contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")


@contextlib.asynccontextmanager
async def opened(n):
    await asyncio.sleep(0.1)
    print("open", n)
    try:
        yield n * 2
    finally:
        await asyncio.sleep(0.1)
        print("close", n)


async def main():
    with tag("b") as t:
        print(t)
    async with opened(3) as v:
        print("inside", v)
    try:
        async with opened(4):
            raise ValueError("boom")
    except ValueError as e:
        print("caught", e)
    with contextlib.suppress(KeyError):
        {}["x"]
    print("suppressed")
    async with contextlib.AsyncExitStack() as stack:
        for i in range(2):
            print(await stack.enter_async_context(opened(i)))


asyncio.run(main())


async def broken():
    async with opened(9):
        await asyncio.sleep(0.1)
        raise KeyError("inside")


try:
    asyncio.run(broken())
except KeyError as e:
    print("broken:", repr(e))
