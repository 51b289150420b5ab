# call_soon is FIFO; due timers join the ready queue behind what is already there;
# what a callback schedules runs on the next turn; stop() finishes the current turn.
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()
loop.call_later(0.1, print, "later 0.1")
loop.call_at(t0 + 0.05, print, "at +0.05")
loop.call_soon(print, "soon 1")
loop.call_later(0, print, "later 0")


def reschedule():
    print("soon 2 schedules soon 3")
    loop.call_soon(print, "soon 3")


loop.call_soon(reschedule)
loop.call_soon(print, "soon 4")
h = loop.call_soon(print, "cancelled handle: never printed")
h.cancel()
print("handle cancelled:", h.cancelled())


def stopper():
    print("stopper")
    loop.stop()
    loop.call_soon(print, "queued by stopper")


when = loop.time() + 0.15
loop.call_at(when, stopper)
loop.call_at(when, print, "same turn as stop")
loop.run_forever()
print("stopped; running:", loop.is_running())


async def noop():
    print("noop ran")


loop.run_until_complete(noop())
loop.close()
