# A set prints in its hash table's order: an int's hash is the int itself, so small
# ints sit in slot (hash % 8) of a new set, whatever order they were added in.
print({3, 1, 2})
print({7, 6, 5, 4})
s = {2}
s.add(1)
s.add(0)
print(s)
# Collisions modulo 8: 9 goes to slot 1, taken by 1, so it takes the next free slot.
print({1, 9, 17})
a = 25
print({a, 17, 9, 1})
# Negatives: hash(-1) is -2 (-1 is CPython's error code), so -1 and -2 collide.
print(hash(-1), hash(-2), hash(-3))
print({-1, -2, -3, 0})
b = -1
print({b, -2})
print({-2, b})
# True, 1 and 1.0 are one member: the first one added stays.
print({True, 1, 1.0}, {1.0, True}, {0, False, 0.0})
# Floats hash by their exact value modulo 2**61 - 1.
print(hash(0.5), hash(1.5), hash(-2.25), hash(1e300), hash(2.0))
print({0.5, 1.5, 2.5, 3.0})
print(hash(float('inf')), hash(float('-inf')))
print({float('inf'), 3, float('-inf')})
# Big ints hash modulo 2**61 - 1 too.
print(hash(2**61 - 1), hash(2**61), hash(2**64 + 5), hash(-(2**70)), hash(10**30))
c = 2**61
print({c, c + 1, 1, 2**62, -(2**61)})
