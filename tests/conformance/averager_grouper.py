# The averager / grouper pattern: sends pass through grouper to averager; send(None)
# makes averager return a Summary that becomes the value of `yield from`, and grouper
# starts a fresh averager, so that send returns None instead of raising StopIteration.
from collections import namedtuple

from harness import say, show

Summary = namedtuple("Summary", "count average")


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield
        if term is None:
            break
        total += term
        count += 1
        average = total / count
    return Summary(count, average)


def grouper(results, key):
    while True:
        results[key] = yield from averager()


results = {}
for key, values in [("girls;kg", [40.9, 38.5, 44.3]), ("boys;m", [1.38, 1.5, 1.32, 1.25])]:
    group = grouper(results, key)
    show(f"{key}: next", lambda: next(group))
    for v in values:
        group.send(v)
    show(f"{key}: send(None)", lambda: group.send(None))
    say(f"  grouper is in a fresh averager: {group.gi_yieldfrom.__name__}")
say(repr(results))
