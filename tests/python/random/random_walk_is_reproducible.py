# A seeded random walk: each run of the program walks the same path.
import random


def walk(steps, seed):
    rng = random.Random(seed)
    x = y = 0
    path = []
    for _ in range(steps):
        dx, dy = rng.choice([(0, 1), (0, -1), (1, 0), (-1, 0)])
        x, y = x + dx, y + dy
        path.append((x, y))
    return path


print(walk(12, "walk"))
print(walk(12, "walk") == walk(12, "walk"), walk(5, 1) == walk(5, 2))
print(max(abs(x) + abs(y) for x, y in walk(1000, 7)))
