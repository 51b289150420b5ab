"""asyncio.Condition, in Python.

A condition is a lock plus a waiting room. A coroutine that holds the lock may wait():
it lets the lock go, parks on a future of its own until someone holding the lock
notifies it, then takes the lock back before wait() returns (even when it was cancelled
meanwhile: it never returns without the lock). notify(n) wakes the n longest-waiting
coroutines; notify_all() wakes them all. Both need the lock held, as wait() does.
"""

from collections import deque


class Condition:
    def __init__(self, lock=None):
        import asyncio

        self._lock = asyncio.Lock() if lock is None else lock
        self._waiters = deque()

    # -- the lock's own protocol, passed through

    def locked(self):
        return self._lock.locked()

    async def acquire(self):
        return await self._lock.acquire()

    def release(self):
        self._lock.release()

    async def __aenter__(self):
        await self._lock.acquire()

    async def __aexit__(self, exc_type, exc, tb):
        self._lock.release()

    def __repr__(self):
        state = "locked" if self.locked() else "unlocked"
        if self._waiters:
            state = f"{state}, waiters:{len(self._waiters)}"
        return f"<asyncio.locks.Condition object at {hex(id(self))} [{state}]>"

    # -- waiting and waking

    async def wait(self):
        import asyncio

        if not self.locked():
            raise RuntimeError("cannot wait on un-acquired lock")
        self._lock.release()
        try:
            parked = asyncio.get_running_loop().create_future()
            self._waiters.append(parked)
            try:
                await parked
                return True
            finally:
                self._waiters.remove(parked)
        finally:
            # Back under the lock whatever happened; a cancellation that came while
            # taking it back is raised once the lock is held again.
            interrupted = False
            while True:
                try:
                    await self._lock.acquire()
                    break
                except asyncio.CancelledError:
                    interrupted = True
            if interrupted:
                raise asyncio.CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError("cannot notify on un-acquired lock")
        woken = 0
        for parked in self._waiters:
            if woken >= n:
                break
            if not parked.done():
                woken += 1
                parked.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))
