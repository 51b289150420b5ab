# Several tasks may await one Future; all wake, in the order they started waiting.
import asyncio


async def waiter(name, fut):
    value = await fut
    print(name, "got", value)


async def main():
    fut = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(waiter(n, fut)) for n in ("a", "b", "c")]
    await asyncio.sleep(0)
    fut.set_result("shared")
    await asyncio.gather(*tasks)


asyncio.run(main())
