# A callback that raises does not stop the loop: asyncio reports it as its default
# exception handler does — "Exception in callback" with the callback and its arguments
# (shortened by reprlib), the handle it ran from, then the traceback — and goes on.
import asyncio
import functools


def boom(*args, **kwargs):
    raise ValueError(f"boom {len(args)}")


class Counter:
    def tick(self, fut):
        raise KeyError("tick")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(boom, 1, "two", [3] * 10)
    loop.call_later(0.5, boom)
    loop.call_soon(functools.partial(boom, "p", key="k"), 2)
    handle = loop.call_later(1, boom, "never")
    print(handle)
    handle.cancel()
    print(handle)
    print(loop.call_soon(print, "soon"))
    fut = loop.create_future()
    fut.add_done_callback(boom)
    fut.add_done_callback(Counter().tick)
    fut.set_result("x" * 40)
    await asyncio.sleep(1)
    print("still running")


asyncio.run(main())
