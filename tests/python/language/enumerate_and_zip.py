# enumerate numbers items; zip pairs items and stops at the shortest.
for i, c in enumerate("ab", start=1):
    print(i, c)
print(list(zip([1, 2, 3], "ab")), list(zip()))
names, ages = zip(("a", 1), ("b", 2))
print(names, ages)
