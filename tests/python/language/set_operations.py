# Set algebra on small int sets (printed sorted).
a, b = {1, 2, 3}, {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
a.add(9)
a.discard(1)
print(sorted(a), 2 in a, len(b), {1, 1, 1} == {1})
