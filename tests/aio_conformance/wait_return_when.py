# asyncio.wait with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED (sets: sorted names).
# The jobs finish when the program opens their gates, not on timers, so what is done at
# each return does not depend on how fast the machine is.
import asyncio


async def job(gate, fail=False):
    await gate
    if fail:
        raise ValueError("job failed")
    return "ok"


async def open_soon(gate):
    for _ in range(3):
        await asyncio.sleep(0)
    gate.set_result(None)


def names(s):
    return sorted(t.get_name() for t in s)


async def main():
    loop = asyncio.get_running_loop()
    gates = {name: loop.create_future() for name in "abcd"}
    ts = [asyncio.create_task(job(gates[n], fail=(n == "b")), name=n) for n in "abcd"]
    gates["a"].set_result(None)
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED done", names(done), "pending", names(pending))
    gates["c"].set_result(None)
    helper = asyncio.create_task(open_soon(gates["b"]))
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION done", names(done), "pending", names(pending))
    helper = asyncio.create_task(open_soon(gates["d"]))
    done, pending = await asyncio.wait(ts)
    print("ALL_COMPLETED done", names(done), "pending", names(pending))
    await helper
    print("b failed with", repr(ts[1].exception()))
    try:
        await asyncio.wait([])
    except ValueError as e:
        print(repr(e))


asyncio.run(main())
