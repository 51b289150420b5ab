# Mistakes in a dataclass definition fail as the class is made.
from dataclasses import dataclass, field

try:
    @dataclass
    class A:
        items: list = []
except ValueError as e:
    print("ValueError:", e)

try:
    @dataclass
    class B:
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)

try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)

try:
    @dataclass(order=True, eq=False)
    class C:
        x: int
except ValueError as e:
    print("ValueError:", e)
