# Semaphore: at most N inside, waiters served first-come-first-served (new arrivals queue
# behind a woken waiter); BoundedSemaphore refuses to be released too many times.
import asyncio


async def worker(name, sem):
    async with sem:
        print(name, "in")
        await asyncio.sleep(0)
        print(name, "out")


async def acquirer(name, sem):
    await sem.acquire()
    print(name, "acquired")


async def main():
    sem = asyncio.Semaphore(2)
    ts = [asyncio.create_task(worker(n, sem)) for n in "abcd"]
    for t in ts:
        await t
    print("value back to", sem._value)

    sem = asyncio.Semaphore(1)
    await sem.acquire()
    c = asyncio.create_task(acquirer("c", sem))
    await asyncio.sleep(0)
    e = asyncio.create_task(acquirer("e", sem))
    f = asyncio.create_task(acquirer("f", sem))
    sem.release()
    sem.release()
    sem.release()
    print("released three times; locked:", sem.locked())
    for i in range(4):
        print("main tick", i)
        await asyncio.sleep(0)
    print("all acquired:", c.done() and e.done() and f.done())

    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as err:
        print(repr(err))


asyncio.run(main())
