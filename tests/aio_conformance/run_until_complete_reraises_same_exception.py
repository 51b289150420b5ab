# run_until_complete / asyncio.run re-raise the very exception object; the loop is left
# stopped and reusable.
import asyncio

err = ValueError("boom")


async def fail():
    raise err


async def ok():
    return "fine"


loop = asyncio.new_event_loop()
t = loop.create_task(fail())
try:
    loop.run_until_complete(t)
except ValueError as e:
    print("raised", repr(e), "is task.exception():", e is t.exception(), "is err:", e is err)
print("running", loop.is_running(), "closed", loop.is_closed())
print("reusable:", loop.run_until_complete(ok()))
try:
    loop.run_until_complete(fail())
except ValueError as e:
    print("from a coroutine, same object:", e is err)
fut = loop.create_future()
loop.call_later(0.01, fut.set_result, "future result")
print("a future:", loop.run_until_complete(fut))
loop.close()
try:
    asyncio.run(fail())
except ValueError as e:
    print("asyncio.run, same object:", e is err)
print("asyncio.run result:", asyncio.run(ok()))
