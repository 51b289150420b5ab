# close() at a paused yield throws a fresh GeneratorExit() (args ()), a BaseException;
# when it escapes, close() returns None and the generator is CLOSED.
from harness import say, show, state


def watcher():
    try:
        yield 1
    except GeneratorExit as e:
        say(f"  caught {e!r} args={e.args!r}")
        say(f"  is Exception: {isinstance(e, Exception)}; is BaseException: {isinstance(e, BaseException)}")
        raise
    finally:
        say("  finally runs")


g = watcher()
next(g)
show("close()", lambda: g.close())
say(state(g))
show("next", lambda: next(g))
