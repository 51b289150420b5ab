# Each asyncio.sleep(...) call is a new coroutine object, used once: one the program still
# holds is never handed out again by a later call, whether it was awaited or not.
import asyncio


async def main():
    a = asyncio.sleep(0, "a")
    b = asyncio.sleep(0, "b")  # `a` is still held: `b` is another object
    print(a is b)
    print(await b)
    print(await a)
    try:
        await b
    except RuntimeError as e:
        print("RuntimeError:", e)
    for i in range(3):  # each one dropped right after its await
        print(await asyncio.sleep(0, i))
    c = asyncio.sleep(0, "c")
    d = c
    del c
    e = asyncio.sleep(0, "e")  # `d` still holds the last one
    print(d is e)
    print(await e, await d)
    f = [asyncio.sleep(0, n) for n in range(3)]
    print(len({id(x) for x in f}))
    print([await x for x in reversed(f)])
    t = asyncio.create_task(asyncio.sleep(0, "task"))
    print(await asyncio.sleep(0, "after create_task"), await t)


asyncio.run(main())
