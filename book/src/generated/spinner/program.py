# The coroutine supervisor: a spinner task animates while the main coroutine awaits a
# slow function; then the supervisor cancels the spinner. The animation is drawn only on
# a terminal.
import asyncio
import itertools
import sys


async def spin(msg):
    status = ""
    for char in itertools.cycle("|/-\\"):
        status = char + " " + msg
        if sys.stdout.isatty():
            print(status, end="\r", flush=True)
        try:
            await asyncio.sleep(0.1)  # yields to the loop: the spinner never blocks it
        except asyncio.CancelledError:  # cancel() arrives here, at the paused await
            break
    if sys.stdout.isatty():
        print(" " * len(status), end="\r")
    print("spinner stopped")


async def slow_function():
    await asyncio.sleep(3)  # pretend to wait for I/O; the loop keeps running the spinner
    return 42


async def supervisor():
    spinner = asyncio.create_task(spin("thinking!"))  # scheduled at once, no start()
    print("spinner object:", type(spinner).__name__, spinner.get_name())
    result = await slow_function()
    spinner.cancel()
    return result


loop = asyncio.new_event_loop()
result = loop.run_until_complete(supervisor())
loop.close()
print("Answer:", result)
