"""The rest of corosim's itertools, in Python: iterator building blocks that each take
iterables and hand out one item at a time, lazily, as CPython's C versions do.

count, cycle, islice, chain and repeat are written in Rust (src/python/modules/library.rs);
these are generators written for corosim with CPython 3.11's results (the corpus program
library/itertools_building_blocks.py compares them with CPython's).
"""

_none = object()


def accumulate(iterable, func=None, *, initial=None):
    it = iter(iterable)
    total = initial
    if initial is None:
        total = next(it, _none)
        if total is _none:
            return
    yield total
    for item in it:
        total = total + item if func is None else func(total, item)
        yield total


def takewhile(predicate, iterable):
    for item in iterable:
        if not predicate(item):
            return
        yield item


def dropwhile(predicate, iterable):
    it = iter(iterable)
    for item in it:
        if not predicate(item):
            yield item
            break
    yield from it


def filterfalse(predicate, iterable):
    for item in iterable:
        if not (bool(item) if predicate is None else predicate(item)):
            yield item


def compress(data, selectors):
    for item, keep in zip(data, selectors):
        if keep:
            yield item


def starmap(function, iterable):
    for args in iterable:
        yield function(*args)


def pairwise(iterable):
    it = iter(iterable)
    previous = next(it, _none)
    if previous is _none:
        return
    for item in it:
        yield previous, item
        previous = item


def zip_longest(*iterables, fillvalue=None):
    its = [iter(x) for x in iterables]
    while its:
        row = []
        live = 0
        for i, it in enumerate(its):
            item = _none if it is None else next(it, _none)
            if item is _none:
                its[i] = None
                row.append(fillvalue)
            else:
                live += 1
                row.append(item)
        if not live:
            return
        yield tuple(row)


def product(*iterables, repeat=1):
    pools = [tuple(x) for x in iterables] * repeat
    rows = [()]
    for pool in pools:
        rows = [row + (item,) for row in rows for item in pool]
    for row in rows:
        yield row


def permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    if r > n:
        return
    for indices in product(range(n), repeat=r):
        if len(set(indices)) == r:
            yield tuple(pool[i] for i in indices)


def combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if r > n:
        return
    for indices in permutations(range(n), r):
        if list(indices) == sorted(indices):
            yield tuple(pool[i] for i in indices)


def combinations_with_replacement(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    if not n and r:
        return
    for indices in product(range(n), repeat=r):
        if list(indices) == sorted(indices):
            yield tuple(pool[i] for i in indices)


class groupby:
    """Runs of items with the same key: (key, run) pairs. A run is read from the same
    iterator, so moving on to the next pair ends the run handed out before."""

    def __init__(self, iterable, key=None):
        self._it = iter(iterable)
        self._keyfunc = (lambda x: x) if key is None else key
        # The item read last and its key; the key of the run handed out last.
        self._item = self._key = self._run_key = _none
        self._run = None

    def __iter__(self):
        return self

    def _read(self):
        self._item = next(self._it)  # StopIteration here ends the groupby too
        self._key = self._keyfunc(self._item)

    def __next__(self):
        self._run = run = object()
        while self._key is _none or self._key == self._run_key:
            self._read()
        self._run_key = self._key
        return self._key, self._items(self._key, run)

    def _items(self, key, run):
        while self._run is run and self._key == key:
            yield self._item
            try:
                self._read()
            except StopIteration:
                return


def tee(iterable, n=2):
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def follower(mine):
        while True:
            if not mine:
                item = next(it, _none)
                if item is _none:
                    return
                for b in buffers:
                    b.append(item)
            yield mine.pop(0)

    return tuple(follower(b) for b in buffers)
