# A class body's annotations are evaluated, in order, into __annotations__ (after the
# value); an annotation alone binds nothing.
class Point:
    x: int
    y: float = 0.5
    if True:
        label: str = "p"

    def move(self, dx: int) -> None:
        local: int = 3
        self.x += dx + local


print(Point.__annotations__, Point.y, hasattr(Point, "x"))
print(Point().y, Point.move.__name__)

try:
    class Bad:
        z: undefined_name = 1
except NameError as e:
    print("NameError:", e)
