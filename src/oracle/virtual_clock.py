"""Run a Python program on CPython's own asyncio, with a virtual clock.

corosim's loop runs on a virtual clock: `sleep(3)` takes no wall time and every run is the
same run. To compare against CPython *exactly*, the tests run each Python twin on CPython's
real asyncio with the same kind of clock. Time moves only when the loop has nothing to do
but wait for its next timer, and timers due at the same moment run in the order they were
scheduled, as they do on a real clock. While work is out in other threads (an executor job, a
call_soon_threadsafe from another thread), the loop waits for it in real time. Everything
else is CPython's own code: the ready queue, Tasks, Futures, cancellation, executors and
threads.

Warnings are printed as corosim prints them, `RuntimeWarning: message`, without the
program's file and line (corosim's programs have none), so the two stderrs compare too.

An uncaught exception prints as `python3 program.py` prints it: the traceback starts at
the program's own frames (this runner's and runpy's are left out), and a SyntaxError shows
just its position and message. The exit status is 1, as python3's.

Usage: python3 virtual_clock.py program.py [args...]
   or: python3 -c "$(cat virtual_clock.py)" program.py [args...]  (what corosim does)
   or: python3 -c "$(cat virtual_clock.py)" --batch OUTDIR program.py...
The program itself is unchanged, and run directly with python3 it uses the real clock.

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
import threading
import warnings


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


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
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


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


def format_warning(message, category, filename, lineno, line=None):
    return f"{category.__name__}: {message}\n"


def run(program, args):
    """Runs `program` as `python3 program args...` would, on the virtual clock."""
    asyncio.set_event_loop_policy(VirtualClockPolicy())
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


def run_batch(outdir, programs):
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
            os._exit(run_in_child(program))
        _, status = os.waitpid(pid, 0)
        with open(os.path.join(outdir, f"{n}.status"), "w") as f:
            f.write(str(os.waitstatus_to_exitcode(status)))


def run_in_child(program):
    """Runs `program`, then does what the interpreter's exit does for it, and returns
    the exit status. The rest of the interpreter's teardown (every module's) is left
    out: it would cost ten times the fork."""
    try:
        run(program, [])
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
    if sys.argv[1:2] == ["--batch"]:
        run_batch(sys.argv[2], sys.argv[3:])
    else:
        run(sys.argv[1], sys.argv[2:])
