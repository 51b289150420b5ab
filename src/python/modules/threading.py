"""corosim's threading: threads, locks, conditions and events, in Python on _thread.

As CPython's own threading.py is, this module is plain Python on the native _thread
(a thread, a lock, an ident): corosim simulates the threads (python/threads.rs), one
at a time on a virtual clock, preempted at statement boundaries. Written for corosim;
the behaviour and the error texts are CPython 3.11's.
"""
import _thread

_start = _thread._start
_allocate_lock = _thread.allocate_lock
_now = _thread._now
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
Lock = _allocate_lock
TIMEOUT_MAX = _thread.TIMEOUT_MAX
ThreadError = _thread.error

_active = {}  # ident -> Thread, for threads running now
_names = [0]  # the last number given to an unnamed thread
_dummies = [0]
_atexits = []


def _deprecated(message):
    _thread._warn("DeprecationWarning: " + message)


def _newname(template):
    _names[0] += 1
    return template % _names[0]


class _RLock:
    """A lock its owner may take again; released when released as often as taken."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def __repr__(self):
        state = "locked" if self._block.locked() else "unlocked"
        return "<%s _thread.RLock object owner=%r count=%d>" % (state, self._owner or 0, self._count)

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        got = self._block.acquire(blocking, timeout)
        if got:
            self._owner = me
            self._count = 1
        return got

    def __enter__(self):
        return self.acquire()

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if not self._count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    def _release_save(self):
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state


def RLock():
    return _RLock()


class Condition:
    """Waiting for a state, under a lock: wait() lets the lock go while it waits."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, t, v, tb):
        return self._lock.__exit__(t, v, tb)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _is_owned(self):
        if isinstance(self._lock, _RLock):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_save(self):
        if isinstance(self._lock, _RLock):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        if isinstance(self._lock, _RLock):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved)
            if not gotit and waiter in self._waiters:
                self._waiters.remove(waiter)

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _now() + waittime
                else:
                    waittime = endtime - _now()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        while self._waiters and n > 0:
            waiter = self._waiters.pop(0)
            waiter.release()
            n -= 1

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    """A counter of permits: acquire() takes one (waiting for one), release() gives back."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        return "<%s at %#x: value=%d>" % (self.__class__.__name__, id(self), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if timeout is not None:
                    if endtime is None:
                        endtime = _now() + timeout
                    else:
                        timeout = endtime - _now()
                        if timeout <= 0:
                            return False
                self._cond.wait(timeout)
            self._value -= 1
            return True

    def __enter__(self):
        return self.acquire()

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            for _ in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released more often than acquired."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for _ in range(n):
                self._cond.notify()


class Event:
    """A flag threads can wait for: set() wakes every waiter."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        status = "set" if self._flag else "unset"
        return "<threading.Event at %#x: %s>" % (id(self), status)

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """Each of `parties` threads waits until all have arrived, then all go on."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._count = 0
        self._generation = 0
        self._broken = False

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            index = self._count
            self._count += 1
            generation = self._generation
            if self._count == self._parties:
                self._count = 0
                self._generation += 1
                if self._action:
                    self._action()
                self._cond.notify_all()
                return index
            if not self._cond.wait_for(lambda: self._generation != generation or self._broken, timeout):
                self._broken = True
                self._cond.notify_all()
                raise BrokenBarrierError
            if self._broken:
                raise BrokenBarrierError
            return index

    def abort(self):
        with self._cond:
            self._broken = True
            self._cond.notify_all()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0


_local_data = {}  # id(local) -> (the local, {thread ident: its attributes})


class local:
    """Attributes each thread sets and sees on its own."""

    def _mine(self):
        entry = _local_data.get(id(self))
        if entry is None:
            # The object is kept in the entry, so its id is not reused by another.
            entry = (self, {})
            _local_data[id(self)] = entry
        return entry[1].setdefault(get_ident(), {})

    def __getattr__(self, name):
        mine = self._mine()
        if name in mine:
            return mine[name]
        kind = "_thread._local" if type(self) is local else type(self).__name__
        raise AttributeError("'%s' object has no attribute '%s'" % (kind, name))

    def __setattr__(self, name, value):
        self._mine()[name] = value


class _ExceptHookArgs:
    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread


ExceptHookArgs = _ExceptHookArgs


def excepthook(args):
    """Reports an exception a thread's run() let out, as CPython does (stderr)."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    _thread._report("Exception in thread %s:\n" % name, args.exc_value)


__excepthook__ = excepthook


class Thread:
    """A thread of control: start() runs run() (by default, target(*args, **kwargs))."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None and hasattr(target, "__name__"):
                name += " (%s)" % target.__name__
        self._target = target
        self.name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self.daemon = daemon
        else:
            self.daemon = current_thread().daemon
        self.ident = None
        self.native_id = None
        self._started = Event()
        self._is_stopped = False
        self._done = _allocate_lock()
        self._initialized = True

    def __repr__(self):
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self.daemon:
            status += " daemon"
        if self.ident is not None:
            status += " %s" % self.ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self.name, status)

    def start(self):
        if not getattr(self, "_initialized", False):
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        self._done.acquire()
        _start(self._bootstrap, self.name)
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            self._target = None
            self._args = None
            self._kwargs = None

    def _bootstrap(self):
        self.ident = get_ident()
        self.native_id = self.ident
        _thread._set_name(self.ident, self.name)
        _active[self.ident] = self
        self._started.set()
        try:
            self.run()
        except BaseException as exc:
            import threading
            threading.excepthook(_ExceptHookArgs(type(exc), exc, None, self))
        finally:
            self._is_stopped = True
            del _active[self.ident]
            self._done.release()

    def join(self, timeout=None):
        if not getattr(self, "_initialized", False):
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            got = self._done.acquire()
        else:
            got = self._done.acquire(True, max(timeout, 0))
        if got:
            self._done.release()

    def is_alive(self):
        return self._started.is_set() and not self._is_stopped

    def getName(self):
        _deprecated("getName() is deprecated, get the name attribute instead")
        return self.name

    def setName(self, name):
        _deprecated("setName() is deprecated, set the name attribute instead")
        self.name = str(name)

    def isDaemon(self):
        _deprecated("isDaemon() is deprecated, get the daemon attribute instead")
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated("setDaemon() is deprecated, set the daemon attribute instead")
        self.daemon = daemonic


class Timer(Thread):
    """Calls function(*args, **kwargs) after `interval` seconds, unless cancel()led."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    def __init__(self):
        self._target = None
        self.name = "MainThread"
        self.daemon = False
        self.ident = _thread._main_ident
        self.native_id = self.ident
        self._started = Event()
        self._started._flag = True
        self._is_stopped = False
        self._done = _allocate_lock()
        self._done.acquire()
        self._initialized = True
        _active[self.ident] = self


class _DummyThread(Thread):
    """A thread started with _thread.start_new_thread: threading did not start it."""

    def __init__(self):
        self._target = None
        _dummies[0] += 1
        self.name = "Dummy-%d" % _dummies[0]
        self.daemon = True
        self.ident = get_ident()
        self.native_id = self.ident
        self._started = Event()
        self._started._flag = True
        self._is_stopped = False
        self._done = _allocate_lock()
        self._initialized = True
        _active[self.ident] = self

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


_main_thread = _MainThread()


def main_thread():
    return _main_thread


def current_thread():
    found = _active.get(get_ident())
    if found is None:
        return _DummyThread()
    return found


def currentThread():
    _deprecated("currentThread() is deprecated, use current_thread() instead")
    return current_thread()


def active_count():
    return len(_active)


def activeCount():
    _deprecated("activeCount() is deprecated, use active_count() instead")
    return active_count()


def enumerate():
    return list(_active.values())


def _register_atexit(func, *args, **kwargs):
    _atexits.append((func, args, kwargs))


def _shutdown():
    """At the program's end, as the interpreter's: the registered calls, then a join of
    every thread that is not a daemon."""
    for func, args, kwargs in reversed(_atexits):
        func(*args, **kwargs)
    _main_thread._is_stopped = True
    while True:
        waiting = [t for t in _active.values() if t is not _main_thread and not t.daemon and t.is_alive()]
        if not waiting:
            break
        for t in waiting:
            t.join()

