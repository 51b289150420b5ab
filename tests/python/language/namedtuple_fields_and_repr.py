# collections.namedtuple: fields by name or index, a readable repr, _replace.
from collections import namedtuple

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p[1], p == (1, 2))
x, y = p
print(x + y, p._replace(x=10), Point._fields)
