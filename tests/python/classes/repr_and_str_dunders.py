# print uses __str__, falling back to __repr__; containers show their items' __repr__.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"


class Label(Point):
    def __str__(self):
        return f"<{self.x},{self.y}>"


print(Point(1, 2))
print(Label(3, 4))
print([Point(5, "six"), Label(7, 8)])
print(f"{Label(1, 1)} {Label(1, 1)!r}")
