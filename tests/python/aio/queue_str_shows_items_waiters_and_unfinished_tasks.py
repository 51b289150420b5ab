# str(asyncio.Queue) shows what asyncio.Queue._format does: maxsize, the items waiting,
# how many get()s and put()s are parked, and how many items are not task_done() yet.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q)
    getters = [asyncio.create_task(q.get()) for _ in range(2)]
    await asyncio.sleep(0)
    print(q)
    await q.put("a")
    await q.put(("b", 1))
    await asyncio.sleep(0)
    print(q, [g.result() for g in getters])
    await q.put([1, 2])
    await q.put({"k": None})
    putter = asyncio.create_task(q.put("late"))
    await asyncio.sleep(0)
    print(q)
    print(await q.get(), q)
    await asyncio.sleep(0)
    print(q, putter.done())
    for _ in range(5):
        q.task_done()
    print(q)
    print(repr(q).startswith("<Queue at 0x"), repr(q).endswith(str(q)[len("<Queue"):]))


asyncio.run(main())
