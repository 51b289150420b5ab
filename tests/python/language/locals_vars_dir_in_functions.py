# locals(), vars() and dir() with no arguments, inside functions, generators,
# coroutines, closures and comprehensions: the frame's bound variables.
import asyncio


def plain(a, b=2):
    c = a + b
    print(locals())
    print(vars() == locals(), dir())
    d = locals()
    d["c"] = 100
    print(c, "unbound later:", "e" in locals())
    e = 5
    print(sorted(locals()), e)


plain(1)


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count
        print("  inside:", locals())


g = averager()
next(g)
g.send(10)
g.send(30)


def outer():
    x = 1

    def inner(y):
        print("inner sees", locals())
        return x + y

    print("outer has", sorted(locals()))
    return inner(2)


print(outer())


async def job(name, delay):
    started = asyncio.get_running_loop().time()
    await asyncio.sleep(delay)
    print(name, sorted(locals()), locals()["delay"])


async def main():
    await asyncio.gather(job("a", 0.2), job("b", 0.1))
    print([sorted(locals()) for _ in range(1)])


asyncio.run(main())

def shadow():
    def locals():
        return "my own locals"

    return locals()


print(shadow())
