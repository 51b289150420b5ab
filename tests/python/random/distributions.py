# uniform, gauss (with its kept second value), normalvariate, expovariate, triangular.
import random

random.seed(5)
print(random.uniform(10, 20), random.uniform(1, 1), random.triangular(0, 1, 0.2))
print(random.gauss(0, 1), random.gauss(100, 15), random.gauss())
random.seed(5)
g1 = random.gauss()
random.seed(5)
print(g1 == random.gauss(), random.normalvariate(50, 5), random.expovariate(0.5))
arrivals = [round(random.expovariate(1 / 3), 3) for _ in range(5)]
print(arrivals, sum(arrivals) > 0)
