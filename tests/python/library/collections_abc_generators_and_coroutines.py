# isinstance with collections.abc: generators, coroutines and a class-made iterator.
from collections import abc
import collections.abc


def gen():
    yield 1


async def coro():
    pass


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n


g = gen()
c = coro()
print(isinstance(g, abc.Generator), isinstance(g, abc.Iterator), isinstance(g, abc.Iterable))
print(isinstance(c, abc.Coroutine), isinstance(c, abc.Awaitable), isinstance(c, abc.Iterable))
print(isinstance(Countdown(3), abc.Iterator), isinstance([], abc.Iterator), isinstance([], abc.Iterable))
print(issubclass(list, abc.MutableSequence), issubclass(dict, abc.Mapping), isinstance("x", abc.Sequence))
print(isinstance(len, abc.Callable), isinstance(3, abc.Hashable), isinstance([], abc.Hashable))
c.close()
