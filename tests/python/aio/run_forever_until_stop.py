# run_forever runs callbacks and timers until loop.stop() is called.
import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.call_soon(print, "first callback")
loop.call_later(2, print, "timer after 2 s")
loop.call_later(3, loop.stop)
loop.call_later(4, print, "never: the loop stopped before")
loop.run_forever()
print("run_forever returned; running:", loop.is_running())
loop.close()
