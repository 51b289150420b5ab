# iter(range(...)) is an iterator of its own: it counts by its step, stops before
# `stop`, stays exhausted, and is its own iterator.
it = iter(range(2, 11, 3))
print(type(it).__name__, iter(it) is it)
print(next(it), next(it))
print(list(it), list(it), next(it, "done"))

down = iter(range(5, 0, -2))
print([x for x in down], next(down, "empty"))

print(list(range(3, 3)), list(range(0, -3, -1)), sum(range(101)))

nested = iter(range(4))
for a in nested:
    # The inner loop takes from the same iterator: the outer loop sees what is left.
    for b in nested:
        print(a, b)
        break


def relay():
    got = yield from iter(range(3))
    print("relay got", got)


print(list(relay()))
g = relay()
print(next(g), next(g))
try:
    next(range(3))
except TypeError as e:
    print("TypeError:", e)
it = iter(range(1))
print(it.__next__())
try:
    it.__next__()
except StopIteration:
    print("StopIteration")
