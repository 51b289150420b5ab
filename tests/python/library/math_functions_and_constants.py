# The usual math functions print what CPython prints, to the last digit.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.exp(-2.5))
print(math.sin(1), math.cos(1), math.tan(1), math.atan2(1, -1), math.asin(0.5), math.acos(0.5), math.atan(3))
print(math.log(10), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(0.001), math.log(2 ** 2000))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.7), math.floor(7), math.ceil(2 ** 70 + 0.0))
print(math.fabs(-3), math.copysign(3, -0.0), math.pow(2, 10), math.pow(2, 0.5), math.degrees(math.pi), math.radians(180))
print(math.hypot(3, 4), math.hypot(1.5, 2.5, 3.5), math.hypot(), math.dist((1, 2), (4, 6)))
print(math.isinf(math.inf), math.isnan(math.nan), math.isfinite(1e308), math.modf(-3.25), math.fmod(-7, 3))
