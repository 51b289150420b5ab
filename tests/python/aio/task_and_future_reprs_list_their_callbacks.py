# A future's and a task's repr list their done-callbacks as CPython's do: a function
# with where it is defined, a lambda by its qualified name, a partial with its
# arguments, a bound method and a builtin without a place; more than two shortened to
# the first, a count and the last. asyncio's own callbacks and its `sleep` coroutine
# are named with their place in the standard library (written <stdlib>).
import asyncio
import functools


def on_done(fut):
    pass


class Watcher:
    def seen(self, fut):
        pass


async def worker(n):
    await asyncio.sleep(n)
    return n


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut)
    fut.add_done_callback(on_done)
    print(fut)
    fut.add_done_callback(functools.partial(on_done))
    print(fut)
    fut.add_done_callback(lambda f: None)
    print(fut)
    other = loop.create_future()
    other.add_done_callback(Watcher().seen)
    other.add_done_callback(print)
    print(other)
    other.add_done_callback(functools.partial(print, "x", sep="-"))
    fut.set_result(1)
    other.set_result(2)
    print(fut, other)
    await asyncio.sleep(0)

    print(asyncio.current_task())
    t1 = asyncio.create_task(worker(1))
    t2 = asyncio.create_task(worker(2))
    both = asyncio.gather(t1, t2)
    print(both)
    await asyncio.sleep(0)
    print(t1)
    print(await both)
    print(both)

    nap = asyncio.create_task(asyncio.sleep(5))
    blink = asyncio.create_task(asyncio.sleep(0))
    print(nap)
    print(blink)
    await asyncio.sleep(0)
    print(nap)
    print(blink)
    nap.add_done_callback(on_done)
    nap.cancel()
    print(nap)
    await asyncio.sleep(0)
    print(nap)
    print(blink)


asyncio.run(main())
