# Python ints never overflow.
print(2 ** 100)
print(3 ** 50 * 7 ** 30)
big = 10 ** 30 + 1
print(big // 7, big % 7, -big // 7)
print(len(str(2 ** 1000)))
