# fsum adds exactly where sum() rounds at every step; isclose compares with tolerance.
import math

tenths = [0.1] * 10
print(sum(tenths), math.fsum(tenths))
print(math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([1e-16, 1, 1e16]), math.fsum([]))
print(math.fsum([math.inf, 1.0]), math.fsum([0.5, 0.25, 0.125]))
try:
    math.fsum([math.inf, -math.inf])
except ValueError as e:
    print("ValueError:", e)
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1.0, 1.1, rel_tol=0.1))
print(math.isclose(0.0, 1e-10), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
try:
    math.isclose(1, 2, rel_tol=-1)
except ValueError as e:
    print("ValueError:", e)
