# A set starts with 8 slots and grows to the next power of two above 4x its members
# when 3/5 of its slots are used; every member is placed again, so the order changes.
s = set()
for i in range(0, 600, 37):
    s.add(i)
    print(len(s), s)

# Ints that all land in slot 0 of an 8-slot table, then spread as it grows.
t = set()
for i in range(0, 160, 8):
    t.add(i)
print(t)

# A long run of colliding hashes: the probe jumps once 9 neighbours are taken.
u = {i * 64 for i in range(30)}
print(u)
print(set(range(20, 0, -1)))
print(set(range(100, 140, 3)))
big = set(range(1000))
print(len(big), list(big)[:5], list(big)[-5:])
