# The same seed gives the same draws; module functions share one hidden generator.
import random

random.seed(2024)
first = [random.random() for _ in range(3)]
random.seed(2024)
print(first == [random.random() for _ in range(3)], first)
random.seed(2024)
random.random()
print(random.randint(1, 100), random.getrandbits(16), random.randrange(0, 50, 5))
