# `except*` clauses can pause: a `yield` or an `await` inside one keeps the group's parts
# on the frame; a bare `raise` re-raises the part being handled; loops inside a clause
# may `break`.
import asyncio

def gen():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as e:
        x = yield repr(e)
        print("sent", x)
    except* KeyError as e:
        yield repr(e)
        print("k handled")

g = gen()
print(next(g))
print(g.send("hello"))
try:
    next(g)
except StopIteration:
    print("done")

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            async def bad(n):
                await asyncio.sleep(n)
                raise ValueError(n)
            tg.create_task(bad(1))
            tg.create_task(bad(1))
    except* ValueError as eg:
        await asyncio.sleep(1)
        print("handled after sleep", len(eg.exceptions), asyncio.get_running_loop().time())
        try:
            raise
        except ExceptionGroup as again:
            print(again is eg)
    try:
        try:
            raise ExceptionGroup("x", [ValueError(1), TypeError(2)])
        except* ValueError:
            await asyncio.sleep(0)
            raise KeyError("k")
        finally:
            print("finally")
    except ExceptionGroup as e:
        print(repr(e))
    def f():
        try:
            raise ExceptionGroup("x", [ValueError(1)])
        except* ValueError:
            try:
                raise TypeError("inner")
            except TypeError:
                pass
        return "ok"
    print(f())
    def h():
        for i in range(3):
            try:
                raise ValueError(i)
            except* ValueError:
                for j in range(5):
                    if j == 1:
                        break
                    print("j", j)
        return i
    print(h())
asyncio.run(main())
