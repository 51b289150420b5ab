# a < b < c means a < b and b < c; b is evaluated once.
def val(n):
    print("evaluating", n)
    return n


print(1 < val(2) < 3)
print(1 < 2 > 0, 3 > 2 == 2, 1 == 1.0 != 2)
