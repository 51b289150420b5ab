# Future._asyncio_future_blocking: False on a new future; True once the future has
# yielded itself out of an await; False again as soon as the task driving the coroutine
# takes it up and parks on it. A future stepped by hand and never handed to a task keeps
# it True. A custom awaitable whose __await__ steps the future's own iterator looks at it
# in between.
import asyncio


class Relay:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        it = self.fut.__await__()
        yielded = it.send(None)
        print("the future yielded itself:", yielded is self.fut, "blocking:", self.fut._asyncio_future_blocking)
        sent = yield yielded
        print("the task woke the relay, blocking:", self.fut._asyncio_future_blocking)
        try:
            it.send(sent)
        except StopIteration as e:
            return e.value


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("new future, blocking:", fut._asyncio_future_blocking)
    loop.call_soon(lambda: print("a callback while the task is parked, blocking:", fut._asyncio_future_blocking))
    loop.call_later(1, lambda: fut.set_result("done"))
    fut.add_done_callback(lambda f: print("done callback, blocking:", f._asyncio_future_blocking))
    result = await Relay(fut)
    print("main got", result, "blocking:", fut._asyncio_future_blocking)
    direct = loop.create_future()
    loop.call_soon(lambda: print("awaited directly, while parked:", direct._asyncio_future_blocking))
    loop.call_soon(lambda: direct.set_result("direct"))
    print("awaited directly:", await direct, "blocking:", direct._asyncio_future_blocking)
    probe = loop.create_future()
    probe.__await__().send(None)
    print("stepped by hand, never given to a task, blocking:", probe._asyncio_future_blocking)
    await asyncio.sleep(0)
    print("a step later, still:", probe._asyncio_future_blocking)


asyncio.run(main())
