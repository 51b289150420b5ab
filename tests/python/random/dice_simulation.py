# A seeded simulation: two dice thrown 2,000 times, the sums counted.
import random
from collections import Counter

rng = random.Random(42)
counts = Counter(rng.randint(1, 6) + rng.randint(1, 6) for _ in range(2000))
for total in range(2, 13):
    print(f"{total:2} {counts[total]:4} {'#' * (counts[total] // 10)}")
print(rng.random())
