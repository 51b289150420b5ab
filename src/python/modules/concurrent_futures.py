"""corosim's concurrent.futures: Future, ThreadPoolExecutor, wait and as_completed.

CPython's concurrent/futures is Python on threading and queue; so is this one, written
for corosim with CPython 3.11's behaviour and error texts. Its threads are corosim's
simulated threads. ProcessPoolExecutor runs its calls on simulated threads too: corosim
has one process, so the calls take turns instead of running on several cores.
"""
import threading
import queue as _queue

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_CANCELLED_AND_NOTIFIED = "CANCELLED_AND_NOTIFIED"
_FINISHED = "FINISHED"

_STATE_NAMES = {
    _PENDING: "pending",
    _RUNNING: "running",
    _CANCELLED: "cancelled",
    _CANCELLED_AND_NOTIFIED: "cancelled",
    _FINISHED: "finished",
}


class Error(Exception):
    """Base class for all future-related exceptions."""
    pass


class CancelledError(Error):
    """The Future was cancelled."""
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""
    pass


class BrokenExecutor(RuntimeError):
    """The executor can no longer run calls."""
    pass


class Future:
    """The result of a call that may not have finished yet."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return "<Future at %#x state=%s raised %s>" % (
                        id(self), _STATE_NAMES[self._state], self._exception.__class__.__name__)
                return "<Future at %#x state=%s returned %s>" % (
                    id(self), _STATE_NAMES[self._state], self._result.__class__.__name__)
            return "<Future at %#x state=%s>" % (id(self), _STATE_NAMES[self._state])

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                threading._thread._report("exception calling callback for %r\n" % (self,), exc)

    def cancel(self):
        with self._condition:
            if self._state in [_RUNNING, _FINISHED]:
                return False
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]

    def _get_result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            threading._thread._report("exception calling callback for %r\n" % (self,), exc)

    def result(self, timeout=None):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            self._condition.wait(timeout)
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._get_result()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            self._condition.wait(timeout)
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError("Future in unexpected state")

    def set_result(self, result):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]:
                raise InvalidStateError("%s: %r" % (self._state, self))
            self._result = result
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in [_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED]:
                raise InvalidStateError("%s: %r" % (self._state, self))
            self._exception = exception
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


class _Waiter:
    """What wait() and as_completed() hand each future: it notes the finished ones."""

    def __init__(self, kind, pending):
        self.kind = kind
        self.pending = pending
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.finished_futures = []

    def _wake(self, future, failed):
        if self.kind == FIRST_COMPLETED:
            self.event.set()
        elif self.kind == FIRST_EXCEPTION and failed:
            self.event.set()
        else:
            self.pending -= 1
            if self.pending <= 0:
                self.event.set()

    def add_result(self, future):
        with self.lock:
            self.finished_futures.append(future)
            self._wake(future, False)

    def add_exception(self, future):
        with self.lock:
            self.finished_futures.append(future)
            self._wake(future, True)

    def add_cancelled(self, future):
        with self.lock:
            self.finished_futures.append(future)
            self._wake(future, False)


def _done(f):
    return f._state in [_CANCELLED_AND_NOTIFIED, _FINISHED]


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures: returns (done, not_done), two sets."""
    fs = set(fs)
    done = set(f for f in fs if _done(f))
    not_done = fs - done
    if return_when == FIRST_COMPLETED and done:
        return (done, not_done)
    if return_when == FIRST_EXCEPTION and any(
            not f.cancelled() and f._exception is not None for f in done):
        return (done, not_done)
    if len(done) == len(fs):
        return (done, not_done)
    waiter = _Waiter(return_when, len(not_done))
    for f in fs:
        with f._condition:
            f._waiters.append(waiter)
    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            if waiter in f._waiters:
                f._waiters.remove(waiter)
    with waiter.lock:
        done.update(waiter.finished_futures)
    return (done, fs - done)


def as_completed(fs, timeout=None):
    """Yields the futures as they finish (those already done first)."""
    if timeout is not None:
        end_time = timeout + threading._now()
    fs = set(fs)
    total = len(fs)
    finished = [f for f in fs if _done(f)]
    pending = fs - set(finished)
    waiter = _Waiter(FIRST_COMPLETED, len(pending))
    for f in fs:
        with f._condition:
            f._waiters.append(waiter)
    try:
        for f in finished:
            yield f
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - threading._now()
                if wait_timeout < 0:
                    raise TimeoutError("%d (of %d) futures unfinished" % (len(pending), total))
            waiter.event.wait(wait_timeout)
            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()
            for f in finished:
                if f in pending:
                    pending.remove(f)
                    yield f
    finally:
        for f in fs:
            with f._condition:
                if waiter in f._waiters:
                    f._waiters.remove(waiter)


class Executor:
    """Runs calls asynchronously: submit() returns a Future."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + threading._now()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield fs.pop().result()
                    else:
                        yield fs.pop().result(end_time - threading._now())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


_work_queues = []
_shutting_down = [False]


def _python_exit():
    # At the program's end: idle workers are told to stop, then waited for.
    _shutting_down[0] = True
    for t, q in list(_work_queues):
        q.put(None)
    for t, q in list(_work_queues):
        t.join()


threading._register_atexit(_python_exit)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


def _worker(executor, work_queue):
    while True:
        item = work_queue.get(block=True)
        if item is not None:
            item.run()
            item = None
            executor._idle_semaphore.release()
            continue
        # None: the executor shuts down (or the program ends). Pass it on to the others.
        work_queue.put(None)
        return


class ThreadPoolExecutor(Executor):
    """Runs calls on a pool of at most max_workers threads."""

    _counter = [0]

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        if max_workers is None:
            max_workers = 5  # min(32, os.cpu_count() + 4), for the one CPU corosim simulates
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = _queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        ThreadPoolExecutor._counter[0] += 1
        self._thread_name_prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % (ThreadPoolExecutor._counter[0] - 1))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if _shutting_down[0]:
                raise RuntimeError("cannot schedule new futures after interpreter shutdown")
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            name = "%s_%d" % (self._thread_name_prefix, num_threads)
            t = threading.Thread(name=name, target=self._run_worker)
            t.start()
            self._threads.append(t)
            _work_queues.append((t, self._work_queue))

    def _run_worker(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        _worker(self, self._work_queue)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except _queue.Empty:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()


class ProcessPoolExecutor(ThreadPoolExecutor):
    """corosim has one process: the calls run on simulated threads, taking turns."""

    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *, max_tasks_per_child=None):
        ThreadPoolExecutor.__init__(self, max_workers, "", initializer, initargs)
