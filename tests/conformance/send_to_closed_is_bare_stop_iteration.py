# Resuming a CLOSED generator raises a bare StopIteration(), whatever is sent; no TypeError.
from harness import show


def once():
    yield 1
    return "r"


finished = once()
next(finished)
show("finish", lambda: next(finished))
show("send(5) finished", lambda: finished.send(5))
show("next finished", lambda: next(finished))

closed = once()
next(closed)
closed.close()
show("send('x') closed", lambda: closed.send("x"))

never_started = once()
never_started.close()
show("send(1) closed before start", lambda: never_started.send(1))
show("next closed before start", lambda: next(never_started))
