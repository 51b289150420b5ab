"""asyncio's doors to threads, for corosim: run_in_executor, to_thread, wrap_future and
run_coroutine_threadsafe, in Python on concurrent.futures and the loop's
call_soon_threadsafe (as in CPython's asyncio/futures.py, tasks.py, base_events.py).
Written for corosim; the behaviour is CPython 3.11's.
"""
import concurrent.futures
import threading

_default_executors = {}


def _copy_state(source, dest):
    # Copies a concurrent future's outcome to an asyncio future (in the loop's thread).
    if dest.cancelled():
        return
    if source.cancelled():
        dest.cancel()
        return
    exc = source.exception()
    if exc is not None:
        dest.set_exception(exc)
    else:
        dest.set_result(source.result())


def wrap_future(future, *, loop=None):
    """An asyncio future on `loop` that follows a concurrent.futures.Future."""
    import asyncio
    if loop is None:
        loop = asyncio.get_event_loop()
    new_future = loop.create_future()

    def on_done(f):
        if not loop.is_closed():
            loop.call_soon_threadsafe(_copy_state, f, new_future)

    def on_cancel(f):
        if f.cancelled():
            future.cancel()

    new_future.add_done_callback(on_cancel)
    future.add_done_callback(on_done)
    return new_future


def run_in_executor(loop, executor, func, *args):
    if executor is None:
        key = id(loop)
        executor = _default_executors.get(key)
        if executor is None:
            executor = concurrent.futures.ThreadPoolExecutor(thread_name_prefix="asyncio")
            _default_executors[key] = executor
    return wrap_future(executor.submit(func, *args), loop=loop)


async def to_thread(func, /, *args, **kwargs):
    import asyncio
    loop = asyncio.get_running_loop()

    def call():
        return func(*args, **kwargs)
    return await run_in_executor(loop, None, call)


def run_coroutine_threadsafe(coro, loop):
    """Submits a coroutine to `loop` from another thread; returns a
    concurrent.futures.Future for its result."""
    import asyncio
    if not asyncio.iscoroutine(coro):
        raise TypeError("A coroutine object is required")
    future = concurrent.futures.Future()

    def copy_to_future(task):
        if task.cancelled():
            future.cancel()
        if not future.set_running_or_notify_cancel():
            return
        exc = task.exception()
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(task.result())

    def callback():
        try:
            task = loop.create_task(coro)
            task.add_done_callback(copy_to_future)

            def cancel_task(f):
                if f.cancelled():
                    loop.call_soon_threadsafe(task.cancel)
            future.add_done_callback(cancel_task)
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
            raise

    loop.call_soon_threadsafe(callback)
    return future


async def shutdown_default_executor(loop):
    # `await loop.shutdown_default_executor()`: its threads end and are joined.
    executor = _default_executors.pop(id(loop), None)
    if executor is not None:
        executor.shutdown(wait=True)


def shutdown_default_executors():
    # asyncio.run's last step: every default executor's threads end and are joined.
    while _default_executors:
        key = next(iter(_default_executors))
        _default_executors.pop(key).shutdown(wait=True)
