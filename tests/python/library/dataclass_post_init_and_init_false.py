# field(init=False) is not a parameter; __post_init__ fills it in.
from dataclasses import dataclass, field, asdict


@dataclass
class Rectangle:
    width: float
    height: float
    area: float = field(init=False)
    labels: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.area = self.width * self.height


r = Rectangle(3, 4.5)
print(r, r.area, r.labels)
print(Rectangle(1, 2) == Rectangle(1, 2), asdict(Rectangle(2, 2)))
r.labels["kind"] = "tile"
print(r == Rectangle(3, 4.5), Rectangle(3, 4.5).labels)
try:
    Rectangle(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
