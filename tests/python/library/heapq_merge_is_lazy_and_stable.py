# merge() merges sorted inputs lazily; among equal items, the earlier input's come first.
import heapq

a = [(1, "a"), (3, "a"), (5, "a")]
b = [(1, "b"), (2, "b"), (5, "b")]
print(list(heapq.merge(a, b, key=lambda t: t[0])))
print(list(heapq.merge([9, 4, 1], [8, 4, 2], reverse=True)))
m = heapq.merge(range(0, 10, 3), range(1, 10, 4))
print(next(m), next(m), list(m))
