"""corosim's contextlib: context managers made from generators (PEP 343's own example),
their asynchronous twins, and the small managers around them.

`@contextmanager` turns a generator with one `yield` into a `with` block: the code before
the `yield` is `__enter__`, the value yielded is what `as` names, and `__exit__` resumes
the generator -- with `next()` when the block ended normally, with `throw()` when it
raised, so the generator's own `try/except/finally` around its `yield` sees the error.
`@asynccontextmanager` does the same with an asynchronous generator and `async with`.

Written for corosim in Python, with CPython 3.11's behaviour and error texts.
"""


class _GeneratorCM:
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        self.__doc__ = getattr(func, "__doc__", None)

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __call__(self, func):
        # Used as a decorator: each call of `func` runs inside a fresh manager.
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner

    def __enter__(self):
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(typ, value, traceback)
        except StopIteration as stop:
            # The generator swallowed the error (and returned): handled -- unless what
            # stopped it is the very StopIteration the block raised.
            return stop is not value
        except RuntimeError as error:
            # The generator let the error through (the `with` statement re-raises it): its
            # traceback is the block's again, without the generator's frame.
            if error is value:
                error.__traceback__ = traceback
                return False
            # PEP 479 turned the block's StopIteration into a RuntimeError in the generator.
            if isinstance(value, StopIteration) and error.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as error:
            if error is not value:
                raise
            error.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after throw()")


class _AsyncGeneratorCM:
    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        self.__doc__ = getattr(func, "__doc__", None)

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __call__(self, func):
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner

    async def __aenter__(self):
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            await self.gen.athrow(typ, value, traceback)
        except StopAsyncIteration as stop:
            return stop is not value
        except RuntimeError as error:
            if error is value:
                error.__traceback__ = traceback
                return False
            if isinstance(value, (StopIteration, StopAsyncIteration)) and error.__cause__ is value:
                value.__traceback__ = traceback
                return False
            raise
        except BaseException as error:
            if error is not value:
                raise
            error.__traceback__ = traceback
            return False
        raise RuntimeError("generator didn't stop after athrow()")


def contextmanager(func):
    """`@contextmanager`: a generator function becomes a context manager factory."""
    def helper(*args, **kwds):
        return _GeneratorCM(func, args, kwds)
    helper.__name__ = getattr(func, "__name__", "helper")
    helper.__qualname__ = getattr(func, "__qualname__", "helper")
    helper.__doc__ = getattr(func, "__doc__", None)
    helper.__wrapped__ = func
    return helper


def asynccontextmanager(func):
    """`@asynccontextmanager`: an async generator function becomes an async context
    manager factory."""
    def helper(*args, **kwds):
        return _AsyncGeneratorCM(func, args, kwds)
    helper.__name__ = getattr(func, "__name__", "helper")
    helper.__qualname__ = getattr(func, "__qualname__", "helper")
    helper.__doc__ = getattr(func, "__doc__", None)
    helper.__wrapped__ = func
    return helper


class closing:
    """`with closing(thing)`: calls `thing.close()` at the end of the block."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing:
    """`async with aclosing(thing)`: awaits `thing.aclose()` at the end of the block."""

    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class nullcontext:
    """A context manager that does nothing: `with nullcontext(x) as y` binds x."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass

    async def __aenter__(self):
        return self.enter_result

    async def __aexit__(self, *excinfo):
        pass


class suppress:
    """`with suppress(KeyError)`: the block's error of those classes ends the block
    quietly."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


def _exit_of(cm, name):
    # The manager's class must have the method (as the `with` statement looks it up).
    method = getattr(type(cm), name, None)
    if method is None:
        kind = "asynchronous context manager" if name.startswith("__a") else "context manager"
        cls = type(cm)
        raise TypeError(
            f"'{cls.__module__}.{cls.__qualname__}' object does not support the {kind} protocol"
        )
    return method


class _StackBase:
    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Moves every callback to a new stack, which this one no longer runs."""
        new = type(self)()
        new._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new

    def push(self, exit):
        """Adds a manager's `__exit__` (or any callable with its signature)."""
        method = getattr(type(exit), "__exit__", None)
        if method is None:
            self._exit_callbacks.append((True, exit))
        else:
            self._exit_callbacks.append((True, lambda *details: method(exit, *details)))
        return exit

    def enter_context(self, cm):
        """Enters a context manager and pushes its `__exit__`."""
        enter = _exit_of(cm, "__enter__")
        exit = _exit_of(cm, "__exit__")
        result = enter(cm)
        self._exit_callbacks.append((True, lambda *details: exit(cm, *details)))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Pushes a plain callback, called with these arguments at the end."""
        def exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((True, exit_wrapper))
        return callback


def _fix_context(new_error, old_error, frame_error):
    # An error raised by a callback gets the error it replaced as its context, as if the
    # callbacks had been nested `with` blocks: Python chained it to the error the stack
    # was exiting with (`frame_error`) instead, at the end of its chain of contexts.
    while True:
        context = new_error.__context__
        if context is None or context is old_error:
            return
        if context is frame_error:
            break
        new_error = context
    new_error.__context__ = old_error


class ExitStack(_StackBase):
    """Any number of context managers and callbacks, exited last-in first-out."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received = exc_details[0] is not None
        frame_error = exc_details[1]
        suppressed = False
        pending = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    pending = False
                    exc_details = (None, None, None)
            except BaseException as new_error:
                if exc_details[1] is not None:
                    _fix_context(new_error, exc_details[1], frame_error)
                pending = True
                exc_details = (type(new_error), new_error, None)
        if pending:
            fixed_context = exc_details[1].__context__
            try:
                raise exc_details[1]
            except BaseException:
                exc_details[1].__context__ = fixed_context
                raise
        return received and suppressed

    def close(self):
        """Exits everything now."""
        self.__exit__(None, None, None)


class AsyncExitStack(_StackBase):
    """ExitStack for `async with`: it also enters async context managers and awaits async
    callbacks."""

    async def enter_async_context(self, cm):
        """Enters an async context manager and pushes its `__aexit__`."""
        enter = _exit_of(cm, "__aenter__")
        exit = _exit_of(cm, "__aexit__")
        result = await enter(cm)
        self._exit_callbacks.append((False, lambda *details: exit(cm, *details)))
        return result

    def push_async_exit(self, exit):
        """Adds a manager's `__aexit__` (or any coroutine function with its signature)."""
        method = getattr(type(exit), "__aexit__", None)
        if method is None:
            self._exit_callbacks.append((False, exit))
        else:
            self._exit_callbacks.append((False, lambda *details: method(exit, *details)))
        return exit

    def push_async_callback(self, callback, /, *args, **kwds):
        """Pushes a coroutine function, awaited with these arguments at the end."""
        async def exit_wrapper(exc_type, exc, tb):
            await callback(*args, **kwds)
        exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((False, exit_wrapper))
        return callback

    async def aclose(self):
        """Exits everything now."""
        await self.__aexit__(None, None, None)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_details):
        received = exc_details[0] is not None
        frame_error = exc_details[1]
        suppressed = False
        pending = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if is_sync:
                    handled = cb(*exc_details)
                else:
                    handled = await cb(*exc_details)
                if handled:
                    suppressed = True
                    pending = False
                    exc_details = (None, None, None)
            except BaseException as new_error:
                if exc_details[1] is not None:
                    _fix_context(new_error, exc_details[1], frame_error)
                pending = True
                exc_details = (type(new_error), new_error, None)
        if pending:
            fixed_context = exc_details[1].__context__
            try:
                raise exc_details[1]
            except BaseException:
                exc_details[1].__context__ = fixed_context
                raise
        return received and suppressed
