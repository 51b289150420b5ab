# log, log2 and log10 take ints too big for a float; the other functions overflow.
import math

n = 10 ** 400
print(math.log10(n), math.log2(2 ** 2000), math.log(n), math.log(n, 10))
try:
    math.sqrt(n)
except OverflowError as e:
    print("OverflowError:", e)
print(math.isqrt(n) == 10 ** 200, math.gcd(n, 6 ** 50) == 2 ** 50)
