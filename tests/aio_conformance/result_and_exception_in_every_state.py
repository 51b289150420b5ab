# result() / exception() for pending, finished, failed and cancelled futures and tasks.
import asyncio


async def ok():
    return "value"


async def fail():
    raise ValueError("boom")


async def sleeper():
    await asyncio.sleep(1)


def show(label, f):
    for m in ("result", "exception"):
        try:
            r = getattr(f, m)()
            print(label, m, "->", repr(r))
        except BaseException as e:
            print(label, m, "raises", repr(e))


async def main():
    loop = asyncio.get_running_loop()
    show("pending future", loop.create_future())
    t = asyncio.create_task(sleeper())
    show("pending task", t)
    f1 = asyncio.create_task(ok())
    f2 = asyncio.create_task(fail())
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    show("finished task", f1)
    show("failed task", f2)
    print("failed: the same exception object each time:", f2.exception() is f2.exception())
    show("cancelled task", t)
    c = loop.create_future()
    c.cancel("m")
    show("future cancelled with a message", c)
    show("future cancelled with a message, again", c)


asyncio.run(main())
