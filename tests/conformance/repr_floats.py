# repr(float): shortest round-trip digits; exponent form below 1e-4 and from 1e16 on.
from harness import say

samples = [
    0.1 + 0.2,
    1e16,
    1e15,
    9999999999999998.0,
    1e-5,
    0.0001,
    0.00012,
    1e-7,
    float("inf"),
    float("-inf"),
    float("nan"),
    -0.0,
    0.0,
    1.5e300,
    5e-324,
    123456789012345680.0,
    1.7976931348623157e308,
    2.2250738585072014e-308,
    1e22,
    1e100,
    -1.5,
    1.0,
    100.0,
    12345.678,
    1 / 3,
    2 / 3,
    2.5e-5,
    9007199254740993.0,
    41.233333333333334,
]
for i, x in enumerate(samples):
    say(f"{i}: {x!r}")
say(repr([0.5, -0.0, (1e16,)]))
