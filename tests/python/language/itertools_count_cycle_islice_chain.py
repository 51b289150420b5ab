# itertools: infinite count and cycle, cut short by islice; chain joins iterables.
import itertools

print(list(itertools.islice(itertools.count(10, 5), 4)))
print(list(itertools.islice(itertools.cycle("ab"), 5)))
print(list(itertools.islice(range(10), 2, 8, 3)))
print(list(itertools.chain([1, 2], "xy", (3,))))
