# A frozen dataclass hashes its fields' tuple and compares fields: a natural dict key.
# A plain (eq=True, not frozen) dataclass is unhashable; eq=False hashes by identity.
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str = field(default="", compare=False)


grid = {Point(0, 0): "origin", Point(1, 2): "a"}
grid[Point(1, 2, "again")] = "b"
print(grid, len(grid), Point(0, 0, "o") in grid)
print(hash(Point(1, 2)) == hash((1, 2)), {Point(3, 4), Point(3, 4, "x")})
visited = set()
for step in [(0, 0), (0, 1), (0, 0), (1, 1), (0, 1)]:
    visited.add(Point(*step))
print(sorted(visited, key=lambda p: (p.x, p.y)), len(visited))


@dataclass
class Mutable:
    x: int


try:
    {Mutable(1): 1}
except TypeError as e:
    print("TypeError:", e)


@dataclass(eq=False)
class ById:
    x: int


i = ById(1)
print(len({i, i, ById(1)}), i in {i}, ById(1) in {i})


@dataclass(unsafe_hash=True)
class Unsafe:
    x: int


print(len({Unsafe(1), Unsafe(1)}), hash(Unsafe(2)) == hash((2,)))
