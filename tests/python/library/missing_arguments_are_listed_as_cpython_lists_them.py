# A call missing several arguments names them all, with CPython's commas: 'a' and 'b',
# but 'a', 'b', and 'c' -- for a plain function, a dataclass and a random method alike.
import random
from dataclasses import dataclass


@dataclass
class Point3:
    x: int
    y: int
    z: int


def volume(width, height, depth, *, unit):
    return width * height * depth


for call in [
    lambda: Point3(),
    lambda: Point3(1),
    lambda: volume(),
    lambda: volume(1, 2, 3),
    lambda: random.randint(),
    lambda: random.Random(5).randrange(),
]:
    try:
        call()
    except TypeError as e:
        print(e)
