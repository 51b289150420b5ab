# create_task() takes a coroutine, whatever made it: sleep(0) and sleep(d) alike are the
# coroutine `sleep`. A Future, a plain value or an object with __await__ is refused with
# TypeError; ensure_future() wraps such an object in a task (`_wrap_awaitable`).
import asyncio


class Ticket:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        return self.fut.__await__()


async def main():
    loop = asyncio.get_running_loop()
    zero = asyncio.create_task(asyncio.sleep(0))
    one = asyncio.create_task(asyncio.sleep(1, "one"))
    print("coroutines:", zero.get_coro().__qualname__, one.get_coro().__qualname__)
    print("results:", await zero, await one)
    f = asyncio.ensure_future(asyncio.sleep(0, "zero"))
    print("ensure_future(sleep(0, 'zero')):", f.get_coro().__qualname__, await f)
    fut = loop.create_future()
    for label, x in [("a Future", fut), ("an int", 5)]:
        try:
            asyncio.create_task(x)
        except TypeError as e:
            print(f"create_task({label}): {e}")
    try:
        asyncio.create_task(Ticket(fut))
    except TypeError:
        print("create_task(an awaitable object): TypeError")
    t = asyncio.ensure_future(Ticket(fut))
    print("ensure_future(an awaitable object) wraps it:", t.get_coro().__qualname__)
    fut.set_result("ticket")
    print("it awaits the future:", await t)
    print("await Ticket(...) itself:", await Ticket(fut))


asyncio.run(main())
