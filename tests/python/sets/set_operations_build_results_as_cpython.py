# Each set operation builds its result in CPython's way, which decides its order.
a = {1, 9, 17, 25, 33, 2}
b = {33, 25, 3, 41}
print(a | b, b | a)
print(a & b, b & a)
print(a - b, b - a)
print(a ^ b, b ^ a)

# & walks the smaller operand (the right one when they are the same size) and keeps
# that one's objects: True or 1.
print({1, 2, 3} & {True}, {True} & {1, 2, 3}, {True, 5} & {1, 5}, {1, 5} & {True, 5})

# set() and copy(): a copy of the table; from a list, each added in turn.
c = set([17, 9, 1, 33, 25, 41, 49, 57])
print(c, c.copy(), set(c), frozenset(c))
d = dict.fromkeys([17, 9, 1, 33, 25, 41, 49, 57])
print(set(d), set(d.keys()), set(d.items()) == set(zip(d, d.values())))

# - against a much smaller set copies and removes; otherwise it rebuilds.
big = set(range(0, 200, 7))
print(big - {7, 14}, {7, 14, 99} - big, big.difference([0, 7]))

# The methods take any iterables, several at once.
print(a.union([100, 8], (16,), b), a.intersection([9, 1, 2], {1, 2}), a.difference([1], {2}))
print(a.symmetric_difference([1, 50, 2, 66]), a.issubset(range(50)), a.isdisjoint([4]))

# In place: the set object itself changes.
e = {8, 16, 24}
alias = e
e |= {32, 0}
e &= {0, 8, 16, 32, 40}
e -= {16}
e ^= {8, 72, 1}
print(e, alias is e)
f = {1, 2, 3, 4, 5, 6}
f.intersection_update([6, 5, 4, 3], range(10))
print(f)
f.difference_update([3], {4})
f.symmetric_difference_update([9, 5])
f.update([17, 25], {33})
print(f)

# Frozensets: the same operations, a frozenset result; frozenset(f) is f.
g = frozenset([3, 11, 19])
print(g | {1}, g & {11, 3}, g - {3}, g ^ {27}, frozenset(g) is g, g.copy() is g)
print({1} | g, type({1} | g).__name__, type(g | {1}).__name__)

# Comparisons do not depend on order.
print({1, 9} == {9, 1}, {1, 9} <= {9, 1, 17}, {1, 9, 17} > {17}, frozenset({2, 1}) == {1, 2})
