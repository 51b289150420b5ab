# Every ABC against builtin values and types, and classes that answer by their methods
# (a method set to None, __eq__ without __hash__, the generator and coroutine protocols).
import asyncio
import collections
from collections import abc, deque, namedtuple, OrderedDict


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


class OnlyIter:
    def __iter__(self):
        return iter([1])


class NotIter(OnlyIter):
    __iter__ = None


class Ticket:
    def __await__(self):
        yield


class Point:
    def __eq__(self, other):
        return True


class HashedPoint(Point):
    def __hash__(self):
        return 1


class Sized3:
    def __len__(self):
        return 3

    def __contains__(self, x):
        return False

    def __iter__(self):
        return iter(())

    def __call__(self):
        return "called"


class FakeGen:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration

    def send(self, v):
        pass

    def throw(self, *a):
        pass

    def close(self):
        pass


Pair = namedtuple("Pair", "a b")


def gen():
    yield 1


async def coro():
    return 1


async def agen():
    yield 1


samples = {
    "list": [1], "tuple": (1,), "str": "s", "dict": {}, "set": set(), "frozenset": frozenset(),
    "range": range(2), "int": 3, "float": 1.5, "None": None, "bytes": b"x", "bytearray": bytearray(),
    "deque": deque(), "OrderedDict": OrderedDict(), "Counter": collections.Counter(),
    "namedtuple": Pair(1, 2), "generator": gen(), "coroutine": coro(), "async gen": agen(),
    "list iterator": iter([]), "range iterator": iter(range(3)), "dict keys": {}.keys(),
    "dict items": {}.items(), "dict values": {}.values(), "function": gen, "builtin": len,
    "lambda": lambda: 0, "exception": ValueError("x"), "class": Countdown, "Countdown": Countdown(2),
    "OnlyIter": OnlyIter(), "NotIter": NotIter(), "Ticket": Ticket(), "Point": Point(),
    "HashedPoint": HashedPoint(), "Sized3": Sized3(), "FakeGen": FakeGen(), "enumerate": enumerate([]),
    "zip": zip(), "map": map(len, []), "slice": slice(1),
}
names = ["Iterable", "Iterator", "Generator", "Awaitable", "Coroutine", "AsyncIterable",
         "AsyncIterator", "AsyncGenerator", "Hashable", "Sized", "Container", "Collection",
         "Callable", "Reversible", "Sequence", "MutableSequence", "Mapping", "MutableMapping",
         "Set", "MutableSet", "MappingView", "KeysView", "ItemsView", "ValuesView"]
for label, v in samples.items():
    yes = [n for n in names if isinstance(v, getattr(abc, n))]
    print(f"{label:14} {' '.join(yes)}")

classes = [list, tuple, str, dict, set, int, bool, bytes, type, object, ValueError,
           Countdown, OnlyIter, NotIter, Ticket, Point, HashedPoint, Sized3, FakeGen]
for c in classes:
    yes = [n for n in names if issubclass(c, getattr(abc, n))]
    print(f"{c.__name__:14} {' '.join(yes)}")

print(abc.Iterator, isinstance(Countdown(1), (abc.Sized, abc.Iterator)))
print(collections.abc.Awaitable is abc.Awaitable)
for v in samples.values():
    if hasattr(v, "close") and type(v).__name__ == "coroutine":
        v.close()
