# Done callbacks are scheduled with call_soon when the result is set, not run inline.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback 1 sees", f.result()))
    fut.add_done_callback(lambda f: print("callback 2"))
    fut.set_result("ready")
    print("result set")
    await asyncio.sleep(0)
    print("after one trip round the loop")


asyncio.run(main())
