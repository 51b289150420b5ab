# From `yield from` to async/await: one two-step pipeline written as Python 3.4
# generator-based coroutines, then as native coroutines. Two substitutions turn one into
# the other: `@asyncio.coroutine def` becomes `async def`, and `yield from` becomes
# `await`. (Python 3.11 removed @asyncio.coroutine, so a small driver plays the loop.)
import asyncio


def fetch_old(name):
    yield "need " + name  # the innermost generator talks to whoever drives the chain
    return name.upper()


def pipeline_old():
    first = yield from fetch_old("spam")
    second = yield from fetch_old("eggs")
    return [first, second]


def drive(coro):
    """What an event loop does: send(None) until the coroutine returns."""
    try:
        while True:
            request = coro.send(None)
            print("  driver got:", request)
    except StopIteration as e:
        return e.value


async def fetch_new(name):
    await asyncio.sleep(0)  # the innermost awaitable yields to whoever drives the chain
    return name.upper()


async def pipeline_new():
    first = await fetch_new("spam")
    second = await fetch_new("eggs")
    return [first, second]


def old_calls_new():
    return (yield from fetch_new("ham"))  # a plain generator cannot delegate to a coroutine


print("yield from:", drive(pipeline_old()))
print("await, driven by hand:", drive(pipeline_new()))
print("await, driven by asyncio:", asyncio.run(pipeline_new()))
try:
    drive(old_calls_new())
except TypeError as e:
    print("TypeError:", e)
