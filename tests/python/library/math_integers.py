# gcd, lcm, isqrt, factorial, comb, perm and prod work on ints of any size.
import math

print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(), math.gcd(2 ** 100, 6 ** 50))
print(math.lcm(4, 6), math.lcm(3, 0), math.isqrt(99), math.isqrt(10 ** 40))
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.comb(10, 3), math.comb(3, 10), math.perm(5, 2), math.perm(4))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod([1, 2], start=10))
