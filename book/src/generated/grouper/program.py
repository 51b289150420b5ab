# Fluent Python's averager / grouper / client, with our own data.
# The client talks to grouper; `yield from` passes every send straight through to the
# averager, and the averager's return value lands in the results dict.
from collections import namedtuple

Summary = namedtuple("Summary", "count average")


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        reading = yield
        if reading is None:
            break
        total += reading
        count += 1
        average = total / count
    return Summary(count, average)


def grouper(results, key):
    while True:
        results[key] = yield from averager()


def client(data):
    results = {}
    for key, readings in data.items():
        group = grouper(results, key)
        next(group)
        for reading in readings:
            group.send(reading)
        group.send(None)  # averager returns; grouper starts a fresh one
    return results


def report(results):
    for key, summary in sorted(results.items()):
        plant, unit = key.split(";")
        print("{:2} {:8} averaging {:.2f}{}".format(summary.count, plant, summary.average, unit))


data = {
    "tomato;cm": [31.5, 29.0, 35.2, 33.1, 30.4],
    "tomato;g": [120.0, 98.5, 143.2, 110.7, 131.9],
    "basil;cm": [12.3, 14.1, 11.8, 13.0],
    "basil;g": [8.2, 9.9, 7.4, 8.8],
}
results = client(data)
print(results)
report(results)
