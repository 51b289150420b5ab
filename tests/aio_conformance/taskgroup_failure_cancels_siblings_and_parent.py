# asyncio.TaskGroup (3.11): the first task that fails cancels its siblings and the task
# running the block (the parent); the parent's cancellation is taken back on the way out;
# the errors leave the block as ExceptionGroup('unhandled errors in a TaskGroup', [...]).
import asyncio


async def worker(name, delay, fail):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise
    if fail:
        raise ValueError(name)
    print(f"{name} done")
    return name


async def main():
    me = asyncio.current_task()
    tg = asyncio.TaskGroup()
    try:
        async with tg:
            a = tg.create_task(worker("a", 0.1, False))
            tg.create_task(worker("b", 0.2, True))
            c = tg.create_task(worker("c", 0.3, False))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("parent cancelled in the block, cancelling", me.cancelling())
                raise
    except ExceptionGroup as eg:
        print("caught", str(eg))
        print("repr", repr(eg))
        print("suppress_context", eg.__suppress_context__, "cause", eg.__cause__)
    print("a", a.result(), "c cancelled", c.cancelled())
    print("parent cancelling", me.cancelling())
    print("group", repr(tg))


asyncio.run(main())
