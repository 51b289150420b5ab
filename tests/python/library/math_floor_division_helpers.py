# floor, ceil and trunc give ints (of any size); copysign and modf keep the sign of zero.
import math

for x in [2.5, -2.5, 3.0, -0.0, 1e20, 7, -7, 10 ** 30]:
    print(x, math.floor(x), math.ceil(x), math.trunc(x), type(math.floor(x)).__name__)
print(math.copysign(1, -0.0), math.modf(0.0), math.modf(-0.5), math.fabs(-0.0))
print(math.sqrt(10 ** 30), math.log(10 ** 300, 10), math.isqrt(2 ** 101))
print([round(math.sin(math.radians(d)), 12) for d in (0, 30, 90, 180)])
