# A task's name: given to create_task, or changed later with set_name.
import asyncio


async def noop():
    pass


async def main():
    t = asyncio.create_task(noop(), name="first")
    print(t.get_name())
    t.set_name("renamed")
    print(t.get_name())
    await t


asyncio.run(main())
