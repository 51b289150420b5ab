"""The print vocabulary shared by every conformance twin.

tests/common/mod.rs has the same helpers with the same output, so a twin and its Rust
case read alike and print comparable lines. This file is not a case itself.
"""
import inspect


def say(text):
    """One line of output."""
    print(text)


def show(label, fn):
    """Calls fn() and prints `label -> repr(result)` or `label -> raised repr(exc)`.

    Returns the exception, or None when fn returned, so a twin can look closer.
    """
    try:
        value = fn()
    except BaseException as exc:  # GeneratorExit too: we want to see everything
        print(f"{label} -> raised {exc!r}")
        return exc
    print(f"{label} -> {value!r}")
    return None


def links(label, exc):
    """Prints an exception's __cause__, __context__ and __suppress_context__."""
    print(
        f"{label}: cause={exc.__cause__!r} context={exc.__context__!r}"
        f" suppress={exc.__suppress_context__}"
    )


def state(obj):
    """inspect.getgeneratorstate / getcoroutinestate, e.g. GEN_SUSPENDED."""
    if inspect.iscoroutine(obj):
        return inspect.getcoroutinestate(obj)
    return inspect.getgeneratorstate(obj)
