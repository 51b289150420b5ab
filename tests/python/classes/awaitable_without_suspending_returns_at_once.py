# An __await__ that returns without yielding completes the await immediately.
import asyncio
import inspect


class Now:
    def __await__(self):
        return "immediate"
        yield


async def main():
    print(await Now())
    print(asyncio.iscoroutine(Now()), inspect.isawaitable(Now()))


asyncio.run(main())
