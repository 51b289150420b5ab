# asyncio runs every timer due within the clock's resolution (1e-9 s) of now in the same
# turn: 0.5 + 0.2 and 0.4 + 0.1 * 3 should meet at 0.7, and do, though the second sum
# is 0.7000000000000001. So both sleepers are done when the first wakes anyone.
import asyncio


async def nap(first, second, name):
    await asyncio.sleep(first)
    await asyncio.sleep(second)
    return name


async def main():
    a = asyncio.create_task(nap(0.5, 0.2, "a"))
    b = asyncio.create_task(nap(0.4, 0.1 * 3, "b"))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    print(0.5 + 0.2, 0.4 + 0.1 * 3)
    loop = asyncio.get_running_loop()
    order = []
    start = loop.time()
    loop.call_at(start + 0.1 * 3, order.append, "late by an ulp")
    loop.call_at(start + 0.3, order.append, "on time")
    loop.call_soon(order.append, "soon")
    await asyncio.sleep(0.3)
    print(order)


asyncio.run(main())
