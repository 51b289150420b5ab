# A deque is false when empty (len 0), and remove/count compare with ==, as list's do.
from collections import deque


class Loose:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return isinstance(other, Loose) and self.n % 10 == other.n % 10


d = deque([1, 2, 3, 2])
print(bool(d), bool(deque()), "yes" if deque() else "no")
d.remove(2)
print(d, d.count(2), d.count(7))
try:
    d.remove(7)
except ValueError as e:
    print(e)
objs = deque([Loose(1), Loose(12), Loose(21)])
print(objs.count(Loose(11)))
objs.remove(Loose(2))
print([o.n for o in objs])
while d:
    print("pop", d.popleft())
