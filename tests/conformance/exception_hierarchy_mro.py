# Every exception class corosim defines, with its module, its bases and its MRO, as
# CPython 3.11 has them: KeyError under LookupError, TimeoutError an OSError,
# ExceptionGroup under both BaseExceptionGroup and Exception. And what `except` catches
# follows from it.
import asyncio
import io

from harness import say

classes = [
    BaseException,
    SystemExit,
    KeyboardInterrupt,
    GeneratorExit,
    BaseExceptionGroup,
    ExceptionGroup,
    Exception,
    StopIteration,
    StopAsyncIteration,
    ArithmeticError,
    OverflowError,
    ZeroDivisionError,
    AssertionError,
    AttributeError,
    EOFError,
    LookupError,
    IndexError,
    KeyError,
    NameError,
    UnboundLocalError,
    OSError,
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    FileNotFoundError,
    FileExistsError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    io.UnsupportedOperation,
    TimeoutError,
    RuntimeError,
    NotImplementedError,
    RecursionError,
    TypeError,
    ValueError,
    asyncio.CancelledError,
    asyncio.InvalidStateError,
    asyncio.QueueEmpty,
    asyncio.QueueFull,
]


class FetchError(ConnectionError):
    pass


classes.append(FetchError)
for cls in classes:
    # `object` ends every MRO; it is no exception class, so it is left out.
    mro = ".".join(c.__name__ for c in cls.__mro__ if c is not object)
    bases = ",".join(b.__name__ for b in cls.__bases__ if b is not object)
    say(f"{cls.__module__}.{cls.__name__}: bases=({bases}) mro={mro}")

catchers = [LookupError, ArithmeticError, OSError, ConnectionError, RuntimeError, Exception, BaseExceptionGroup]
raised = [
    KeyError("k"),
    IndexError(0),
    ZeroDivisionError("x"),
    ConnectionResetError("reset"),
    BrokenPipeError(),
    TimeoutError(),
    NotImplementedError(),
    ExceptionGroup("eg", [ValueError()]),
    asyncio.CancelledError(),
]
for exc in raised:
    caught_by = []
    for catcher in catchers:
        try:
            raise exc
        except catcher:
            caught_by.append(catcher.__name__)
        except BaseException:
            pass
    say(f"{type(exc).__name__} caught by: {', '.join(caught_by) or 'none of them'}")
