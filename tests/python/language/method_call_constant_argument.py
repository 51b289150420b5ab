# obj.method(constant): a method with self, a module's function, a generator's own
# methods, builtin types' methods, a bound method kept in an attribute, a class's
# staticmethod and classmethod, and errors raised inside such calls.
import asyncio
import math


class Box:
    def __init__(self):
        self.items = []

    def put(self, x):
        self.items.append(x)
        return len(self.items)

    @staticmethod
    def double(x):
        return 2 * x

    @classmethod
    def named(cls, suffix):
        return cls.__name__ + suffix


b = Box()
print(b.put(1), b.put("two"), b.put(None), b.items)
print(Box.double(21), b.double(4), Box.named("!"), b.named("?"))
print(math.sqrt(16), math.floor(2.5))
print("a,b,c".split(","), "x".join("ab"), [3, 1, 2].index(2), {"k": 1}.get("k"))
print((1, 2, 1).count(1), "hello".startswith("he"))

keep = b.put
print(keep(5), b.items)


def echo():
    got = None
    while True:
        got = yield got


e = echo()
print(e.send(None), e.send(7), e.send("eight"))
x = e.send(9.5)
print(x)
e.send(10)
print(e.send(11))
e.close()
try:
    e.send(1)
except StopIteration:
    print("a closed generator stops")

fresh = echo()
try:
    fresh.send(3)
except TypeError as err:
    print("TypeError:", err)


class Strict:
    def only_self(self):
        return "ok"


try:
    Strict().only_self(1)
except TypeError as err:
    print("TypeError:", err)

try:
    [].pop(0)
except IndexError as err:
    print("IndexError:", err)


async def main():
    await asyncio.sleep(0)
    q = asyncio.Queue()
    await q.put(1)
    q.put_nowait(2)
    print(await q.get(), q.get_nowait(), q.empty())
    print(await asyncio.wait_for(asyncio.sleep(0.5, "late"), 2))


asyncio.run(main())
