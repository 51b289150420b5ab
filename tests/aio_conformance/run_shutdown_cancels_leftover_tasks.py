# asyncio.run(): after main returns, every pending task is cancelled and the loop runs
# until they finish (finally blocks run; a swallower finishes normally); only then
# does run() return main's result. A task created just before main returns still gets
# its first step: it is queued ahead of run_until_complete's stop callback.
import asyncio

log = []
tasks = []


async def lingering(name):
    try:
        await asyncio.sleep(10)
    finally:
        log.append(f"{name} finally")


async def swallower():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("swallower swallowed the cancel")
        await asyncio.sleep(0)
        log.append("swallower finished normally")
        return "ok"


async def last_minute():
    log.append("last_minute ran before the loop stopped")


async def main():
    for name in ("a", "b"):
        tasks.append(asyncio.create_task(lingering(name)))
    tasks.append(asyncio.create_task(swallower()))
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(last_minute()))
    print("main returns")
    return "main result"


r = asyncio.run(main())
print("log:", sorted(log))
print("run returned", repr(r))
for t in tasks:
    print("cancelled", t.cancelled(), "result", None if t.cancelled() else repr(t.result()))
