# A discrete-event simulation: each vehicle is a generator that yields its next event and
# is sent the time it happens; the simulator keeps the events in a priority queue ordered
# by (time, vehicle), namedtuples compared as tuples.
import collections
import queue
import random

Event = collections.namedtuple("Event", "time vehicle action")


def vehicle(ident, trips, start):
    time = yield Event(start, ident, "leaves the depot")
    for _ in range(trips):
        time = yield Event(time, ident, "loads")
        time = yield Event(time, ident, "unloads")
    yield Event(time, ident, "returns")


def simulate(vehicles, until, rng):
    events = queue.PriorityQueue()
    for _, v in sorted(vehicles.items()):
        events.put(next(v))
    now = 0
    while now < until:
        if events.empty():
            print("no more events")
            break
        now, ident, action = event = events.get()
        print(f"{now:4} {'  ' * ident}{ident} {action}")
        try:
            events.put(vehicles[ident].send(now + rng.randint(1, 15)))
        except StopIteration:
            del vehicles[ident]
    else:
        print("time is up:", events.qsize(), "events pending")
    return vehicles


left = simulate({i: vehicle(i, i + 1, i * 3) for i in range(3)}, 60, random.Random(11))
print("still out:", sorted(left))
