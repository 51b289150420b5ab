# Unpacking works on nested structures, and swaps need no temporary.
(a, b), c = (1, 2), 3
x, y = 10, 20
x, y = y, x
print(a, b, c, x, y)
for i, (key, value) in enumerate([("k1", "v1"), ("k2", "v2")]):
    print(i, key, value)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print(e)
