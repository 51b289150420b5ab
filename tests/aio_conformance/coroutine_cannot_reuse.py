# A finished coroutine cannot be awaited, sent to or thrown into again; close() is a no-op.
import asyncio


async def answer():
    return 42


async def main():
    c = answer()
    print(await c)
    try:
        await c
    except RuntimeError as e:
        print("await again", repr(e))
    try:
        c.send(None)
    except RuntimeError as e:
        print("send", repr(e))
    try:
        c.throw(ValueError("x"))
    except RuntimeError as e:
        print("throw", repr(e))
    print("close:", c.close())


asyncio.run(main())
