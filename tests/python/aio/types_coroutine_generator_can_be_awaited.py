# A generator decorated with types.coroutine can be awaited from async def.
import asyncio
import types


@types.coroutine
def legacy():
    value = yield from asyncio.sleep(1, result="legacy result")
    return value.upper()


async def main():
    print(await legacy())


asyncio.run(main())
