# A generator's frame knows the line it is paused at (gi_frame.f_lineno): its def line
# before it starts, then each yield it reaches; once it is over it has no frame. Its code
# object (gi_code, f.__code__) names the function and where it is defined.
import asyncio


def walker(n):
    total = 0
    for i in range(n):
        total += i
        yield total
    yield "last"


def describe(gen):
    frame = gen.gi_frame
    if frame is None:
        return "no frame"
    return f"{frame.f_code.co_name} at line {frame.f_lineno}, back={frame.f_back}"


w = walker(2)
print(describe(w))
for value in w:
    print(value, describe(w))
print(describe(w))

code = walker.__code__
print(code.co_name, code.co_qualname, code.co_firstlineno, code.co_argcount, code.co_varnames)
print(w.gi_code is not None, w.gi_code.co_name == code.co_name)


class Box:
    def items(self):
        yield self


print(Box().items().gi_code.co_qualname, Box.items.__code__.co_firstlineno)


async def sleeper():
    await asyncio.sleep(0)
    await asyncio.sleep(0)


async def main():
    coro = sleeper()
    print(coro.cr_code.co_name, coro.cr_frame.f_lineno)
    coro.send(None)
    print(coro.cr_frame.f_lineno)
    task = asyncio.create_task(sleeper())
    await task
    print(coro.cr_frame.f_lineno)
    coro.close()
    print(coro.cr_frame)
    try:
        coro.cr_code.co_nonsense
    except AttributeError as e:
        print(e)


asyncio.run(main())
