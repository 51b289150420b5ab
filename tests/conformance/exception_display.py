# An exception shown as a traceback's last line: `ValueError: boom`, bare `StopIteration`,
# module-qualified `asyncio.exceptions.CancelledError`.
import asyncio
import traceback

from harness import say


class FetchError(Exception):
    pass


samples = [
    ValueError("boom"),
    ValueError(),
    ValueError(""),
    ValueError("a", 2),
    ValueError(5),
    KeyError("k"),
    KeyError(),
    StopIteration(),
    StopIteration(42),
    GeneratorExit(),
    asyncio.CancelledError(),
    asyncio.CancelledError("msg"),
    asyncio.InvalidStateError("Result is not set."),
    asyncio.QueueEmpty(),
    TimeoutError(),
    RuntimeError("generator ignored GeneratorExit"),
    FetchError("x"),
]
for e in samples:
    say(traceback.format_exception_only(type(e), e)[-1].rstrip("\n"))
