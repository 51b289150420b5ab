"""asyncio.PriorityQueue and asyncio.LifoQueue, in Python.

They keep asyncio.Queue's protocol (put/get wait, the _nowait forms raise QueueFull and
QueueEmpty, task_done/join count the work left) and differ only in which item comes out
next: the smallest (a heap) or the newest. A waiting put or get parks on a future of its
own; whoever frees a slot or brings an item wakes the longest-waiting one.
"""

import heapq
from collections import deque


class Queue:
    """The protocol; subclasses say where an item goes in and which comes out. (Named
    as CPython's base class, so their coroutines are `Queue.get` and `Queue.put` in
    traces, as there; asyncio.Queue itself is corosim's own, in Rust.)"""

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._queue = self._make()
        self._getters = deque()
        self._putters = deque()
        self._unfinished_tasks = 0
        self._finished = None

    # -- what a subclass decides

    def _make(self):
        return []

    def _put(self, item):
        raise NotImplementedError

    def _get(self):
        raise NotImplementedError

    # -- looking at it

    def _format(self):
        text = f"maxsize={self._maxsize!r}"
        if self._queue:
            text += f" _queue={list(self._queue)!r}"
        if self._getters:
            text += f" _getters[{len(self._getters)}]"
        if self._putters:
            text += f" _putters[{len(self._putters)}]"
        if self._unfinished_tasks:
            text += f" tasks={self._unfinished_tasks}"
        return text

    def __repr__(self):
        return f"<{type(self).__name__} at {id(self):#x} {self._format()}>"

    def __str__(self):
        return f"<{type(self).__name__} {self._format()}>"

    @property
    def maxsize(self):
        return self._maxsize

    def qsize(self):
        return len(self._queue)

    def empty(self):
        return not self._queue

    def full(self):
        return 0 < self._maxsize <= self.qsize()

    # -- waiting

    def _wake_first(self, waiters):
        # The first one still waiting; a cancelled one is passed over.
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    async def _park(self, waiters, still_blocked):
        import asyncio

        waiter = asyncio.get_running_loop().create_future()
        waiters.append(waiter)
        try:
            await waiter
        except:  # noqa: E722 - cancelled too: give the turn on, then go
            waiter.cancel()
            if waiter in waiters:
                waiters.remove(waiter)
            if not still_blocked() and not waiter.cancelled():
                self._wake_first(waiters)
            raise

    async def put(self, item):
        while self.full():
            await self._park(self._putters, self.full)
        return self.put_nowait(item)

    def put_nowait(self, item):
        import asyncio

        if self.full():
            raise asyncio.QueueFull
        self._put(item)
        self._unfinished_tasks += 1
        if self._finished is not None:
            self._finished.clear()
        self._wake_first(self._getters)

    async def get(self):
        while self.empty():
            await self._park(self._getters, self.empty)
        return self.get_nowait()

    def get_nowait(self):
        import asyncio

        if self.empty():
            raise asyncio.QueueEmpty
        item = self._get()
        self._wake_first(self._putters)
        return item

    # -- counting the work

    def task_done(self):
        if self._unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished_tasks -= 1
        if self._unfinished_tasks == 0 and self._finished is not None:
            self._finished.set()

    async def join(self):
        import asyncio

        if self._unfinished_tasks > 0:
            if self._finished is None:
                self._finished = asyncio.Event()
            await self._finished.wait()


class PriorityQueue(Queue):
    """The smallest item first (a heap: put `(priority, data)` pairs)."""

    def _put(self, item):
        heapq.heappush(self._queue, item)

    def _get(self):
        return heapq.heappop(self._queue)


class LifoQueue(Queue):
    """The newest item first."""

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()
