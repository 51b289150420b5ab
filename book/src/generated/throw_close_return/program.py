# throw(), close() and return values: besides send(), a caller can throw an exception in
# at the paused yield, close the coroutine, and collect what it returns. A tally keeps
# counting until it is sent None, then returns its totals.
from collections import namedtuple
from inspect import getgeneratorstate

Totals = namedtuple("Totals", "count total")


class Skip(Exception):
    """Thrown in by the caller: drop the entry in progress, keep counting."""


def tally():
    print("  tally: started")
    count = total = 0
    try:
        while True:
            try:
                n = yield total
            except Skip:
                print("  tally: Skip handled, still counting")
                continue
            if n is None:
                break
            count += 1
            total += n
    finally:
        print("  tally: finally block runs")
    return Totals(count, total)


t = tally()
print("next ->", next(t))
print("send(10) ->", t.send(10))
print("throw(Skip) ->", t.throw(Skip))
print("send(5) ->", t.send(5))
try:
    t.send(None)
except StopIteration as e:
    print("send(None) -> StopIteration, value:", e.value)
print("state:", getgeneratorstate(t))

closing = tally()
next(closing)
closing.send(7)
closing.close()
print("after close():", getgeneratorstate(closing))

failing = tally()
next(failing)
try:
    failing.throw(ZeroDivisionError("no handler for this"))
except ZeroDivisionError as e:
    print("throw, unhandled ->", repr(e))
print("state:", getgeneratorstate(failing))
