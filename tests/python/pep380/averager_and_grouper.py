# The classic pattern: a grouper delegates to averagers; each averager's return value
# becomes the value of the grouper's `yield from`.
def averager():
    total, count = 0, 0
    while True:
        term = yield
        if term is None:
            return (count, total / count)
        total += term
        count += 1


def grouper(results, key):
    while True:
        results[key] = yield from averager()


results = {}
for key, values in [("girls", [40.9, 38.5, 44.3]), ("boys", [1.38, 1.5, 1.32])]:
    group = grouper(results, key)
    next(group)
    for value in values:
        group.send(value)
    group.send(None)
for key, (count, average) in sorted(results.items()):
    print(f"{count:2} {key:5} averaging {average:.2f}")
