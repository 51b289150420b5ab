"""Run a Python program on CPython's own asyncio, with a virtual clock.

corosim's loop runs on a virtual clock: `sleep(3)` takes no wall time and every run is the
same run. To compare against CPython *exactly*, the tests run each Python twin on CPython's
real asyncio with the same kind of clock. Time moves only when the loop has nothing to do
but wait for its next timer. While work is out in other threads (an executor job, a
call_soon_threadsafe from another thread), the loop waits for it in real time. Everything
else is CPython's own code: the ready queue, Tasks, Futures, cancellation, executors and
threads.

Warnings are printed as corosim prints them, `RuntimeWarning: message`, without the
program's file and line (corosim's programs have none), so the two stderrs compare too.

Usage: python3 virtual_clock.py program.py [args...]
   or: python3 -c "$(cat virtual_clock.py)" program.py [args...]  (what corosim does)
The program itself is unchanged, and run directly with python3 it uses the real clock.
"""
import asyncio
import runpy
import sys
import threading
import warnings


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


if __name__ == "__main__":
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    warnings.formatwarning = format_warning
    program = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(program, run_name="__main__")
