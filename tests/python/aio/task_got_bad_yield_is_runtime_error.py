# A coroutine that yields something other than None or a Future inside a task gets
# RuntimeError("Task got bad yield: ...") thrown back at that yield.
import asyncio
import types


@types.coroutine
def bad():
    try:
        yield 123
    except RuntimeError as e:
        print("thrown back:", e)
    return "recovered"


async def main():
    print(await asyncio.create_task(bad()))


asyncio.run(main())
