# Number bases, modular powers and dir().
print(hex(255), hex(-42), oct(8), bin(5), bin(-3), hex(True), hex(2**70))
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 5, -3))
for bad in [lambda: hex(1.5), lambda: pow(2, 3, 0), lambda: pow(2, -1, 4), lambda: pow(2.0, 3, 5)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def gen():
    yield 1


async def coro():
    pass


class Point:
    dims = 2

    def __init__(self, x, y):
        self.x, self.y = x, y

    def norm(self):
        return abs(self.x) + abs(self.y)


class Point3(Point):
    dims = 3


class AppError(Exception):
    pass


public = lambda obj: [n for n in dir(obj) if not n.startswith("_")]
c = coro()
print(public(gen()))
print(public(c))
c.close()
print(public([]), public({}), public(()))
print(public("")[:8], len(dir("")))
print(dir(Point(1, 2)))
print(dir(Point3) == sorted(set(dir(Point)) | {"dims"}))
print(dir(AppError("x")))
print(dir(object()) == dir(object))
try:
    dir()
except TypeError:
    pass
