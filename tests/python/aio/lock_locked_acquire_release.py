# acquire() and release() by hand; locked() tells whether it is held.
import asyncio


async def main():
    lock = asyncio.Lock()
    print(lock.locked())
    print(await lock.acquire())
    print(lock.locked())
    lock.release()
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
