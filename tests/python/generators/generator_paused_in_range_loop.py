# A generator paused inside `for i in range(...)`: its frame shows only its locals,
# sends and throws resume the loop where it stood, and a generator expression's
# hidden argument is its iterator.
import inspect


def ticker(n):
    got = []
    for i in range(n):
        received = yield i
        got.append(received)
    return got


g = ticker(4)
print(next(g))
print(g.send("a"))
print(sorted(inspect.getgeneratorlocals(g)))
print(inspect.getgeneratorlocals(g)["i"], inspect.getgeneratorlocals(g)["got"])
print(g.gi_frame.f_lineno)
print(g.send("b"))
print(g.send("c"))
try:
    g.send("d")
except StopIteration as e:
    print("returned", e.value)


def careful(n):
    for i in range(n):
        try:
            yield i
        except ValueError as e:
            print("caught", e, "at", i)


c = careful(3)
print(next(c))
print(c.throw(ValueError("boom")))
print(list(c))

squares = (i * i for i in range(3))
hidden = inspect.getgeneratorlocals(squares)
print(sorted(hidden), [type(v).__name__ for v in hidden.values()])
print(list(squares))


async def counter(k):
    seen = []
    for i in range(k):
        seen.append(i)
        await asyncio.sleep(0)
    return seen


import asyncio


async def main():
    results = await asyncio.gather(*(counter(k) for k in range(4)))
    print(results)


asyncio.run(main())
