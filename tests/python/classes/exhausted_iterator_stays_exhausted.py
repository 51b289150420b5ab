# An iterator that returns itself from __iter__ is used up after one loop.
it = iter([1, 2, 3])
print(list(it))
print(list(it))
print(iter(it) is it)
