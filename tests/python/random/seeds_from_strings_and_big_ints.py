# A str seed goes through SHA-512 (version 2); an int seed by all its bits; -n seeds as n.
import random

for seed in ["coroutine", "", "é", 2 ** 100, -7, 7, 3.5, True]:
    random.seed(seed)
    print(repr(seed), random.random(), random.randrange(1000))
random.seed("abc", version=1)
print(random.random())
try:
    random.seed([1, 2])
except TypeError as e:
    print("TypeError:", e)
