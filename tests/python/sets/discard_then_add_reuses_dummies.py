# Removing a member leaves a dummy in its slot; a later add reuses the last dummy its
# probe passed, so a new member can land before older ones.
s = {1, 9}
s.discard(1)
s.add(17)
print(s)

s = {1, 9, 17}
s.discard(9)
s.add(25)
print(s)

s = {1, 9, 17, 25}
s.remove(1)
s.remove(9)
s.add(33)
print(s)

# Dummies count towards the fill that triggers a resize, which purges them.
s = set()
for i in range(4):
    s.add(i)
    s.discard(i)
print(s, len(s))
s.add(100)
s.add(4)
print(s)

# difference_update leaves dummies, and purges them when more than a quarter remain.
s = set(range(40))
s.difference_update(range(0, 40, 2))
print(s)
s.add(64)
s.add(2)
print(s)
