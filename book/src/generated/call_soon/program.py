# loop.call_soon schedules a plain function for the next turn of the loop, after
# everything already queued. functools.partial carries keyword arguments.
import asyncio
import functools


def greet(name, *, greeting="hello"):
    print("{}, {}".format(greeting, name))


async def main(loop):
    print("registering callbacks")
    loop.call_soon(greet, "Ada")
    loop.call_soon(functools.partial(greet, greeting="good evening"), "Grace")
    print("callbacks registered; nothing has run yet")
    await asyncio.sleep(0.1)
    print("main resumes after the callbacks ran")


loop = asyncio.new_event_loop()
try:
    print("entering event loop")
    loop.run_until_complete(main(loop))
finally:
    print("closing event loop")
    loop.close()
