# order=True compares field tuples; frozen=True refuses assignment.
from dataclasses import dataclass, FrozenInstanceError


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(frozen=True)
class Point:
    x: float
    y: float


vs = [Version(1, 2), Version(0, 9), Version(1, 0), Version(1)]
print(sorted(vs), max(vs), Version(1, 2) > Version(1, 1), Version(1) <= Version(1, 0))
try:
    Version(1) < (1, 0)
except TypeError as e:
    print("TypeError:", e)
p = Point(1.5, 2)
print(p, p.x + p.y)
try:
    p.x = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
