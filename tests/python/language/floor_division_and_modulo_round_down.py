# // rounds toward negative infinity, and % takes the sign of the divisor.
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2)]:
    print(a, b, a // b, a % b)
print(7 / 2, -7 / 2, 6 / 3)
