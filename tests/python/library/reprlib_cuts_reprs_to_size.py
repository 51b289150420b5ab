# reprlib.repr keeps a repr short, as asyncio shows results and callback arguments:
# six items of a sequence or set, four of a dict (sorted when they sort), six levels
# deep, and the two ends of a long str, int or other repr around "...".
import asyncio
import reprlib
from collections import deque


class Big:
    def __repr__(self):
        return "Big(" + "z" * 40 + ")"


class Short:
    def __repr__(self):
        return "Short()"


print(reprlib.repr(list(range(6))))
print(reprlib.repr(list(range(7))))
print(reprlib.repr(tuple(range(10))), reprlib.repr((1,)), reprlib.repr(()))
print(reprlib.repr([[[[[[[1]]]]]]]), reprlib.repr([[[[[[[]]]]]]]))
print(reprlib.repr({3: "c", 1: "a", 2: "b", 5: "e", 4: "d"}), reprlib.repr({}))
print(reprlib.repr({"b": 1, 2: "a", None: 3}))
print(reprlib.repr({5, 3, 9, 1, 7, 2, 8}), reprlib.repr(set()), reprlib.repr(frozenset({2, 1})))
print(reprlib.repr(frozenset()), reprlib.repr(deque(range(9))))
print(reprlib.repr("short"), reprlib.repr("x" * 28), reprlib.repr("y" * 29))
print(reprlib.repr("a\nb" * 20), reprlib.repr("é" * 35))
print(reprlib.repr(2 ** 200), reprlib.repr(-(10 ** 39)), reprlib.repr(10 ** 39))
print(reprlib.repr(Big()), reprlib.repr(Short()), reprlib.repr(3.25), reprlib.repr(None))
print(reprlib.repr([Big(), "q" * 50, {1: [2] * 9}]))


async def main():
    loop = asyncio.get_running_loop()
    for result in (list(range(100)), "w" * 45, {"k": list(range(8))}, (1,), Big()):
        fut = loop.create_future()
        fut.set_result(result)
        print(fut)
    task = asyncio.create_task(asyncio.sleep(0, list(range(12))))
    await task
    print(task)


asyncio.run(main())
