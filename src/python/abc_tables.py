# Writes src/python/abc.txt: which builtin types CPython 3.11 counts as instances of each
# collections.abc class, one ABC a line ("Name: type type ..."), for the types corosim has.
# Run: python3 src/python/abc_tables.py > src/python/abc.txt
import asyncio
import collections
import collections.abc as abc


async def _co():
    pass


async def _ag():
    yield


def _gen():
    yield


class _C:
    def method(self):
        pass


def main():
    co = _co()
    loop = asyncio.new_event_loop()
    fut = loop.create_future()
    task = loop.create_task(_co())
    samples = [
        object(), None, True, 1, 1.5, "", b"", bytearray(), [], (), {}, set(), frozenset(),
        range(1), slice(1), _gen(), co, _ag(), _gen, print, [].append, object().__str__,
        BaseException(), collections.deque(), collections.OrderedDict(),
        collections.defaultdict(int), collections.Counter(), {}.keys(), {}.values(),
        {}.items(), iter([]), iter(()), iter(""), iter(range(1)), iter({}), iter(set()),
        iter({}.values()), iter({}.items()), reversed([]), enumerate([]), zip(), map(len, []),
        filter(None, []), fut, task, type, int, _C().method,
    ]
    types = {}
    for v in samples:
        types.setdefault(type(v).__name__, v)
    for name in abc.__all__:
        members = [t for t, v in types.items() if isinstance(v, getattr(abc, name))]
        print(f"{name}: {' '.join(members)}")
    co.close()
    task.cancel()
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()


main()
