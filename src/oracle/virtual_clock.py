"""Run a Python program on CPython's own asyncio, with a virtual clock.

corosim's loop runs on a virtual clock: `sleep(3)` takes no wall time and every run is the
same run. To compare against CPython *exactly*, the tests run each Python twin on CPython's
real asyncio with the same kind of clock. Time moves only when the loop has nothing to do
but wait for its next timer, and timers due at the same moment run in the order they were
scheduled, as they do on a real clock. While work is out in other threads (an executor job, a
call_soon_threadsafe from another thread), the loop waits for it in real time. Everything
else is CPython's own code: the ready queue, Tasks, Futures, cancellation, executors and
threads.

The async generators `asyncio.run` closes as it ends are closed in the order they started,
as corosim closes them (asyncio's order follows their addresses).

Warnings are printed as corosim prints them, `RuntimeWarning: message`, without the
program's file and line (corosim's programs have none), so the two stderrs compare too.

An uncaught exception prints as `python3 program.py` prints it: the traceback starts at
the program's own frames (this runner's and runpy's are left out), and a SyntaxError shows
just its position and message. The exit status is 1, as python3's.

Usage: python3 virtual_clock.py [--measure] program.py [args...]
   or: python3 -c "$(cat virtual_clock.py)" program.py [args...]  (what corosim does)
   or: python3 -c "$(cat virtual_clock.py)" --batch OUTDIR program.py...
The program itself is unchanged, and run directly with python3 it uses the real clock.

The program's time readers (`time.time`, `monotonic`, `perf_counter`, their `_ns`
forms) and `time.sleep` follow corosim's *program clock*: one clock, which starts at 0;
`time.sleep` on the main thread moves it on without waiting, and so does every jump of a
loop running on the main thread, so `perf_counter()` around `await asyncio.sleep(1.5)` or
around `asyncio.run(...)` measures 1.5, as under corosim. `loop.time()` is the loop's
own clock (0 when the loop is made); a blocking `time.sleep` inside the loop (in a
coroutine or callback) moves it on too, as asyncio's one monotonic clock does. While
threads the program started are alive, they run on real time, so the clock moves with
real time too (and `time.sleep` waits, to let them run), as corosim's moves with theirs;
their own code reads the same clock. The
real clock stays for everything else, so nothing waits for a time that never comes:
forked processes, threads not started through `threading.Thread`, and the standard
library's own code (`queue`, `subprocess`, `concurrent.futures` and a process pool's
manager thread compute deadlines with `time.monotonic`).

--measure (before the rest): the program times itself (a benchmark), so its time readers
are left real.

--batch runs many programs (no arguments) for the price of one interpreter start: each in
a child forked from this process, so each has a fresh process of its own (the same task
names, module state and exit status as alone). Program N's output goes to OUTDIR/N.stdout
and OUTDIR/N.stderr, and its exit status to OUTDIR/N.status (a negative number: killed by
that signal). A program that runs for more than a minute is killed (SIGALRM). After the
program, the child runs what the interpreter's exit would run for it (a wait for its
non-daemon threads, atexit functions, a garbage collection, so finalizers of its leftover
objects print as they would) and skips the rest of the teardown.
"""
import asyncio
import atexit
import gc
import heapq
import itertools
import os
import runpy
import signal
import sys
import sysconfig
import threading
import time
import warnings
import weakref


class TimerHandle(asyncio.TimerHandle):
    """asyncio's timer, but of two due at the same moment the one scheduled first runs
    first. On a real clock that is what happens: the later call_at gets the later
    deadline. On a virtual clock deadlines tie exactly, and asyncio's heap would run tied
    timers in an order of its own (ten tasks sleeping 1 second would wake 0 2 6 9 8...)."""

    __slots__ = ("_seq",)
    _count = itertools.count()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seq = next(TimerHandle._count)

    def __lt__(self, other):
        if isinstance(other, TimerHandle):
            return (self._when, self._seq) < (other._when, other._seq)
        return super().__lt__(other)

    def __gt__(self, other):
        if isinstance(other, TimerHandle):
            return (self._when, self._seq) > (other._when, other._seq)
        return super().__gt__(other)


class FirstIterOrder:
    """`loop._asyncgens`, the async generators `shutdown_asyncgens` closes as
    `asyncio.run` ends, in the order they started iterating, as corosim closes them.
    asyncio's own is a WeakSet, whose order follows the generators' addresses: it changes
    with whatever else the process allocated. Holds them weakly, as the WeakSet does."""

    def __init__(self):
        self._refs = {}  # id(generator) -> weak reference, in first-iteration order

    def add(self, agen):
        key = id(agen)
        if key not in self._refs:
            self._refs[key] = weakref.ref(agen, lambda ref, key=key: self._forget(key, ref))

    def _forget(self, key, ref):
        if self._refs.get(key) is ref:
            del self._refs[key]

    def discard(self, agen):
        self._refs.pop(id(agen), None)

    def __iter__(self):
        return iter([agen for agen in (ref() for ref in list(self._refs.values())) if agen is not None])

    def __len__(self):
        return len(list(iter(self)))

    def clear(self):
        self._refs.clear()


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._asyncgens = FirstIterOrder()
        self._now = 0.0
        self._jobs = 0
        self._jobs_lock = threading.Lock()
        real_select = self._selector.select

        def select(timeout=None):
            events = real_select(0)
            if events or timeout == 0:
                return events
            with self._jobs_lock:
                jobs = self._jobs
            if jobs or timeout is None:
                # Only another thread can wake us now: wait for it for real.
                return real_select(None)
            self._now += timeout  # nothing to do until the next timer: jump to it
            if CLOCK is not None and threading.get_ident() == CLOCK.main and os.getpid() == CLOCK.pid:
                CLOCK.advance(timeout)  # the program's clock moves with the main thread's loop
            return []

        self._selector.select = select

    def time(self):
        return self._now

    def call_at(self, when, callback, *args, context=None):
        # BaseEventLoop.call_at, with the TimerHandle above.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = TimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def run_in_executor(self, executor, func, *args):
        future = super().run_in_executor(executor, func, *args)
        with self._jobs_lock:
            self._jobs += 1

        def job_done(_):
            with self._jobs_lock:
                self._jobs -= 1

        future.add_done_callback(job_done)
        return future


class ProgramClock:
    """corosim's program clock, for the main thread: the virtual seconds `time.sleep` and
    the main thread's loops added, plus the real seconds that passed while threads the
    program started were alive (they run on real time). See the module's docstring."""

    def __init__(self):
        self.virtual = 0.0
        self.lock = threading.Lock()
        self.others = 0  # threads the program started that have not finished
        self.real = 0.0  # real seconds, up to when the last of them finished
        self.real_since = 0.0  # time.perf_counter() when the first of them started
        self.pid = os.getpid()
        self.main = threading.get_ident()
        paths = sysconfig.get_paths()
        library = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
        self.library = tuple(os.path.join(p, "") for p in library)
        # asyncio reads no time.* itself; it calls what the program gave it
        # (`loop.call_later(1, time.sleep, 0.5)`), so its frames count as the program's.
        self.asyncio = os.path.join(os.path.dirname(asyncio.__file__), "")

    def now(self):
        with self.lock:
            if self.others:
                return self.virtual + self.real + (REAL_PERF_COUNTER() - self.real_since)
            return self.virtual + self.real

    def advance(self, seconds):
        with self.lock:
            self.virtual += seconds

    def alone(self):
        with self.lock:
            return self.others == 0

    def thread_started(self):
        with self.lock:
            if self.others == 0:
                self.real_since = REAL_PERF_COUNTER()
            self.others += 1

    def thread_ended(self):
        with self.lock:
            self.others -= 1
            if self.others == 0:
                self.real += REAL_PERF_COUNTER() - self.real_since

    def is_virtual_for(self, frame):
        """Whether the code of `frame`, calling a time function, gets this clock: the
        program's own code, in the program's process, on the main thread or on a thread
        the program started (for which the clock moves with real time: see `now`)."""
        if os.getpid() != self.pid:
            return False
        if threading.get_ident() != self.main and self.alone():
            return False  # a thread not started through threading.Thread: real time
        file = frame.f_code.co_filename
        if file.startswith("<frozen"):
            return False
        return file.startswith(self.asyncio) or not file.startswith(self.library)


REAL_PERF_COUNTER, REAL_SLEEP = time.perf_counter, time.sleep
CLOCK = None  # the ProgramClock of the program running, once `run` has made it


class TimeFunction:
    """A time reader or `time.sleep`: `program(args)` for the program's code (see
    `ProgramClock.is_virtual_for`), the real function for anyone else, and for a wrong
    call (the real one raises CPython's own TypeError). Its repr is the real one's."""

    def __init__(self, real, program, arity):
        self.real = real
        self.program = program
        self.arity = arity
        self.__name__ = real.__name__
        self.__qualname__ = real.__qualname__
        self.__doc__ = real.__doc__

    def __call__(self, *args, **kwargs):
        if len(args) == self.arity and not kwargs and CLOCK.is_virtual_for(sys._getframe(1)):
            return self.program(*args)
        return self.real(*args, **kwargs)

    def __repr__(self):
        return repr(self.real)


def nanoseconds(seconds):
    """Whole nanoseconds, the nearest, halves away from zero: Rust's `f64::round`, as
    corosim computes `time.monotonic_ns()`."""
    ns = seconds * 1e9
    whole = int(ns)
    return whole + 1 if ns - whole >= 0.5 else whole


def program_sleep(seconds):
    """`time.sleep` on the main thread: alone, it only moves the clock on (corosim's
    virtual sleep); with the program's threads alive, it waits for real, so they run.
    A virtual loop running on the calling thread was blocked too: as on asyncio's one
    monotonic clock, its time moves on by `seconds`, and its timers due meanwhile run
    late, at its next turn."""
    if not isinstance(seconds, (int, float)) or seconds != seconds or seconds < 0:
        return REAL_SLEEP(seconds)  # the real one's TypeError or ValueError
    if CLOCK.alone():
        CLOCK.advance(float(seconds))
    else:
        REAL_SLEEP(seconds)
    loop = asyncio._get_running_loop()
    if isinstance(loop, VirtualClockLoop):
        loop._now += float(seconds)


def use_program_clock():
    """Puts the program clock behind `time`'s readers and `time.sleep`, and counts the
    threads the program starts."""
    global CLOCK
    CLOCK = ProgramClock()
    for name in ("time", "monotonic", "perf_counter"):
        setattr(time, name, TimeFunction(getattr(time, name), CLOCK.now, 0))
    for name in ("time_ns", "monotonic_ns", "perf_counter_ns"):
        setattr(time, name, TimeFunction(getattr(time, name), lambda: nanoseconds(CLOCK.now()), 0))
    time.sleep = TimeFunction(time.sleep, program_sleep, 1)

    real_start, real_bootstrap = threading.Thread.start, threading.Thread._bootstrap_inner

    def start(self):
        CLOCK.thread_started()
        try:
            real_start(self)
        except BaseException:
            CLOCK.thread_ended()
            raise

    def _bootstrap_inner(self):
        try:
            real_bootstrap(self)
        finally:
            CLOCK.thread_ended()

    threading.Thread.start = start
    threading.Thread._bootstrap_inner = _bootstrap_inner


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


def format_warning(message, category, filename, lineno, line=None):
    return f"{category.__name__}: {message}\n"


def run(program, args, measure=False):
    """Runs `program` as `python3 program args...` would, on the virtual clock (its time
    readers on the real one, with `measure`)."""
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    if not measure:
        use_program_clock()
    warnings.formatwarning = format_warning
    sys.argv = [program, *args]
    try:
        runpy.run_path(program, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as e:
        # python3's own report, minus the frames of this runner and of runpy.
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != program:
            tb = tb.tb_next
        sys.excepthook(type(e), e, e.with_traceback(tb).__traceback__)
        sys.exit(1)


def run_batch(outdir, programs, measure=False):
    """`--batch OUTDIR program...`: each program in a forked child (see the docstring)."""
    gc.freeze()  # the children's collections skip what this process made: less to copy
    for n, program in enumerate(programs):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            for fd, stream in ((1, "stdout"), (2, "stderr")):
                out = os.open(os.path.join(outdir, f"{n}.{stream}"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(out, fd)
                os.close(out)
            signal.alarm(60)
            os._exit(run_in_child(program, measure))
        _, status = os.waitpid(pid, 0)
        with open(os.path.join(outdir, f"{n}.status"), "w") as f:
            f.write(str(os.waitstatus_to_exitcode(status)))


def run_in_child(program, measure=False):
    """Runs `program`, then does what the interpreter's exit does for it, and returns
    the exit status. The rest of the interpreter's teardown (every module's) is left
    out: it would cost ten times the fork."""
    try:
        run(program, [], measure)
        status = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            status = (e.code or 0) & 0xFF
        else:
            print(e.code, file=sys.stderr)
            status = 1
    threading._shutdown()  # the interpreter's exit waits for the non-daemon threads first
    atexit._run_exitfuncs()
    gc.collect()  # the program's leftover objects: their finalizers run, as at exit
    sys.stdout.flush()
    sys.stderr.flush()
    return status


if __name__ == "__main__":
    measure = sys.argv[1:2] == ["--measure"]
    argv = sys.argv[2:] if measure else sys.argv[1:]
    if argv[:1] == ["--batch"]:
        run_batch(argv[1], argv[2:], measure)
    else:
        run(argv[0], argv[1:], measure)
