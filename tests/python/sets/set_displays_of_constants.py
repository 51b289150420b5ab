# CPython makes a display of more than two constants a frozenset constant and copies
# it into the new set; the copy can order the members unlike adding them one by one.
print({0, 8, 16, 24, 32, 1, 9})
z = 0
print({z, 8, 16, 24, 32, 1, 9})
print({5, 13, 21, 29, 37, 45, 53, 61, 69, 77, 85, 93, 101})
print({-5, -13, -21, -29, -37})
print({(1, 2), (9, 10), (17, 18), (25, 26), (33, 34)})

# `for` and comprehensions iterate the frozenset constant itself.
for x in {5, 13, 21, 29, 37, 45, 53, 61, 69, 77, 85, 93, 101}:
    print(x, end=' ')
print()
print([x for x in {0, 8, 16, 24, 32, 1, 9}])

# Unpacking in a display updates the set: from a set, a copy of its table.
a = {17, 9, 1, 33, 25}
print({*a}, {*a, 2}, {0, *a}, {*range(20, 0, -3)}, {*'hello'})
