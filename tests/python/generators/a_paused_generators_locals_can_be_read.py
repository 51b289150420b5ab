# A paused generator's local variables can be read from outside: gi_frame.f_locals and
# inspect.getgeneratorlocals (or getcoroutinelocals) give them by name, arguments first,
# then what the body has bound so far; a closed generator has none.
import asyncio
import inspect


def running_average(scale):
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        total += value * scale
        count += 1
        average = total / count


avg = running_average(2)
print(inspect.getgeneratorlocals(avg))
next(avg)
print(avg.gi_frame.f_locals)
for v in (10, 20, 30):
    avg.send(v)
    print(inspect.getgeneratorlocals(avg))
avg.close()
print(inspect.getgeneratorlocals(avg), avg.gi_frame)


def outer(step):
    def counter(start):
        n = start
        while True:
            yield n
            n += step
    return counter


c = outer(5)(1)
next(c)
next(c)
print(c.gi_frame.f_locals)

try:
    inspect.getgeneratorlocals([1, 2])
except TypeError as e:
    print("TypeError", str(e).startswith("[1, 2]"))


async def fetch(url):
    size = len(url)
    await asyncio.sleep(0)
    return size


async def main():
    coro = fetch("example.org")
    print(inspect.getcoroutinelocals(coro))
    coro.send(None)
    print(inspect.getcoroutinelocals(coro), coro.cr_frame.f_locals == inspect.getcoroutinelocals(coro))
    coro.close()
    print(inspect.getcoroutinelocals(coro))


asyncio.run(main())
