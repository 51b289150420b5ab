# An int too large for a float raises OverflowError wherever it must become one, int / int
# is correctly rounded even for huge ints, ints and floats compare exactly, and float
# floor division and modulo follow CPython's divmod.
import math


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)


big = 10**400
for f in [
    lambda: float(big),
    lambda: float(-big),
    lambda: big * 1.0,
    lambda: 1.0 + big,
    lambda: 0.5 - big,
    lambda: big // 1.0,
    lambda: big % 1.5,
    lambda: divmod(big, 2.0),
    lambda: big ** 0.5,
    lambda: math.sqrt(big),
    lambda: math.exp(1000),
    lambda: 2.0**1024,
    lambda: (-2.0) ** 1025,
    lambda: 1e300**2,
    lambda: 10.0**400,
    lambda: math.pow(10, 400),
    lambda: 1e308 * 10,
    lambda: big / 3,
    lambda: -big / 7,
    lambda: big / 10**399,
    lambda: 1 / big,
    lambda: 10**-400,
    lambda: 0 / -5,
    lambda: (2**53 + 1) / 1,
    lambda: (2**64 + 3) / 2**10,
    lambda: -(10**30) / 7,
    lambda: 2**1100 / 3**600,
    lambda: round(float("inf")),
    lambda: round(float("nan")),
    lambda: int(float("inf")),
    lambda: round(1e20),
    lambda: int(1e20),
    lambda: int(-1.5e300) == -15 * 10**299,
    lambda: math.floor(1e20),
    lambda: math.ceil(-1e20),
    lambda: math.trunc(1e19),
]:
    show(f)

print(2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 2**53 == 2.0**53)
print(big == float("inf"), big < float("inf"), -big > float("-inf"), big > 1e308)
print(10**20 == 1e20, 10**20 + 1 > 1e20, 1e20 < 10**20 + 1, 3 < 3.5, 4 > 3.5, 3 == 3.0)
print(float("nan") == 1, float("nan") < big, {1e20: "a"}.get(10**20), 2**63 == 2.0**63)
print(1.0 // 0.1, 1.0 % 0.1, divmod(1.0, 0.1), 4.0 % -2.0, -0.0 % 5, 7.5 // -2, (-7.5) % 2)
print(-7 // 2.0, 7 // -2.0, -1e-300 // 1e300, 5.0 % float("inf"), -5.0 % float("inf"))
