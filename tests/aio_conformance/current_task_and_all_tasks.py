# asyncio.current_task() and asyncio.all_tasks(): the task whose step runs (None in a
# plain callback) and the running loop's tasks not yet done; both RuntimeError without a
# running loop.
import asyncio


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def child(delay):
    await asyncio.sleep(delay)


async def who():
    return asyncio.current_task().get_name()


async def main():
    me = asyncio.current_task()
    print("current_task() in main:", me.get_name(), me.get_coro().__qualname__)
    a = asyncio.create_task(child(1))
    a.set_name("a")
    b = asyncio.create_task(child(2))
    b.set_name("b")
    print("all_tasks():", names(asyncio.all_tasks()))
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print("in a plain callback, current_task():", asyncio.current_task()))
    await a
    print("after a is done:", names(asyncio.all_tasks()))
    t = asyncio.create_task(who())
    t.set_name("who")
    print("a task sees itself:", await t)
    print("an awaited coroutine runs in the awaiting task:", await who())
    await b
    print("only main is left:", names(asyncio.all_tasks()))


for label, fn in [("current_task()", asyncio.current_task), ("all_tasks()", asyncio.all_tasks)]:
    try:
        fn()
    except RuntimeError as e:
        print(f"{label} outside a loop: {e!r}")
asyncio.run(main())
