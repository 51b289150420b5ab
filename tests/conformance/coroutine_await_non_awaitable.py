# `await x` where x is a plain value raises TypeError("object int can't be used in
# 'await' expression") at the await, inside the coroutine, where it can be caught.
from harness import say, show


async def main():
    for x in [5, None, [1, 2], "ab"]:
        try:
            await x
        except TypeError as e:
            say(f"  caught {e!r}")
    await 1.5


c = main()
show("send(None)", lambda: c.send(None))
