# `async with asyncio.timeout(d)`: past the deadline, the task is cancelled at its await,
# and the block raises TimeoutError from that CancelledError.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(2) as cm:
            print("deadline", cm.when(), repr(cm))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                print("inner await:", repr(e), "at", loop.time())
                raise
    except TimeoutError as e:
        print("raised", repr(e))
        print("cause", repr(e.__cause__), "context", repr(e.__context__))
        print("same object:", e.__cause__ is e.__context__)
        print("is asyncio.TimeoutError:", isinstance(e, asyncio.TimeoutError))
    print("expired", cm.expired(), repr(cm))
    print("cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
