# A BoundedSemaphore cannot be released more often than acquired.
import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    print("a plain Semaphore allowed it; locked:", plain.locked())


asyncio.run(main())
