# A failing inner group fails its own task in the outer group: groups nest.
import asyncio


async def fail(msg):
    await asyncio.sleep(1)
    raise ValueError(msg)


async def inner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail("deep"))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner())
            tg.create_task(fail("shallow"))
    except ExceptionGroup as eg:
        print(repr(eg))
        values, rest = eg.split(ValueError)
        print(repr(values))
        print(rest)
        deep = eg.subgroup(lambda e: str(e) == "deep")
        print(repr(deep))


asyncio.run(main())
