# GeneratorExit derives from BaseException, not Exception: `except Exception` around a
# yield does not stop close().
from harness import say, show, state


def careful():
    while True:
        try:
            yield "tick"
        except Exception as e:
            say(f"  handled {e!r}")


g = careful()
next(g)
show("throw(ValueError('x'))", lambda: g.throw(ValueError("x")))
show("close()", lambda: g.close())
say(state(g))
say(f"GeneratorExit is an Exception: {issubclass(GeneratorExit, Exception)}")
say(f"GeneratorExit is a BaseException: {issubclass(GeneratorExit, BaseException)}")
say(f"StopIteration is an Exception: {issubclass(StopIteration, Exception)}")
