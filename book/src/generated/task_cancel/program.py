# A task is like a thread that is already started: creating it schedules it. The main
# coroutine sleeps 2 s in total, then cancels the task that wanted to sleep 100 s, so
# the whole program takes 2 s, not 100.
import asyncio


async def main():
    sleeper = asyncio.ensure_future(asyncio.sleep(100))  # scheduled; we do not wait for it
    print("sleeper scheduled; main goes on")
    await asyncio.ensure_future(asyncio.sleep(1))  # main pauses here...
    await asyncio.sleep(1)  # ...and here
    print("main woke after 2 s; cancelling the sleeper")
    sleeper.cancel()
    return sleeper


loop = asyncio.new_event_loop()
start = loop.time()
sleeper = loop.run_until_complete(main())
print("elapsed: {:.0f} s".format(loop.time() - start))
print("sleeper cancelled:", sleeper.cancelled())
loop.close()
