# NaN is not equal to itself, but containers compare identity first: the same NaN
# object is found, a different NaN is not.
import math

x = float("nan")
print(x == x, x is x, len({x, x}), len({float("nan"), float("nan")}))
print(x in [x], x in (x,), float("nan") in [x], [x] == [x], (x,) == (x,), [x].count(x), [x].index(x))
d = {x: 1}
d[x] = 2
print(len(d), d[x], x in d, float("nan") in d)
y = float("inf") - float("inf")
print(y == y, len({x, y}), len({math.nan, math.nan}), len({x, x * 1}))
s = {1, 2}
s.add(x)
s.add(x)
print(len(s), x in s, {x} <= s)
