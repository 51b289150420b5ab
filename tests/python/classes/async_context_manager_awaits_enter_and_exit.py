# `async with` awaits __aenter__ and __aexit__.
import asyncio


class Session:
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("opened")
        return "session"

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print("closed, error:", exc_type)


async def main():
    async with Session() as s:
        print("using", s)


asyncio.run(main())
