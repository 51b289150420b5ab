# repr(exc), str(exc) and exc.args with 0, 1 and 2 arguments, including KeyError's
# special str and the asyncio exception classes.
import asyncio

from harness import say


class FetchError(Exception):
    pass


samples = [
    ValueError(),
    ValueError("boom"),
    ValueError("it's"),
    ValueError(""),
    ValueError(5),
    ValueError(None),
    ValueError((1, 2)),
    ValueError((1,)),
    ValueError("a", 2),
    ValueError((1, 2), 3),
    ValueError("a", (1,)),
    ValueError([1], {"k": 2}),
    KeyError("k"),
    KeyError(),
    KeyError("a", "b"),
    KeyError(5),
    StopIteration(),
    StopIteration(3),
    StopIteration(StopIteration(3)),
    GeneratorExit(),
    RuntimeError("generator raised StopIteration"),
    asyncio.CancelledError(),
    asyncio.CancelledError("msg"),
    asyncio.InvalidStateError("invalid state"),
    TimeoutError(),
    FetchError("x"),
]
for i, e in enumerate(samples):
    say(f"{i}: repr={e!r} str={str(e)!r} args={e.args!r}")
