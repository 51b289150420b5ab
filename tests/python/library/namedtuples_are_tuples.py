# A namedtuple instance is a tuple: it orders, adds, repeats, slices, counts and tests
# membership as its items do; its class makes instances from defaults and iterables.
import collections

Point = collections.namedtuple("Point", "x y")
a, b = Point(1, 2), Point(1, 3)
print(a < b, a <= b, b > a, a >= (1, 2), a < (1, 2, 0), max(a, b), sorted([b, a, Point(0, 9)]))
print(a + (5,), (0,) + a, a * 2, 2 * a, a[:1], a[::-1], 2 in a, 7 not in a)
print(a.index(2), a.count(1), a._asdict(), a._replace(y=0), Point._fields, Point.__name__)
print(Point._make(range(2)), Point._make("xy"))
print({a: "a"}[(1, 2)], {(1, 2): "t"}[a], a in {(1, 2)}, (1, 2) in {a}, hash(a) == hash((1, 2)))
try:
    Point._make([1])
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)

Job = collections.namedtuple("Job", ["name", "tries", "delay"], defaults=[3, 0.5])
print(Job("fetch"), Job("send", 1), Job("poll", delay=2), Job._field_defaults)
try:
    collections.namedtuple("Bad", "p q", defaults=[1, 2, 3])
except TypeError as e:
    print("TypeError:", e)
