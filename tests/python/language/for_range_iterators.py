# A for loop over range(): every shape of range, the loop variable after the loop,
# break/else, nested loops and comprehensions, ranges past 32 bits.
def collect(r):
    out = []
    for i in r:
        out.append(i)
    return out


print(collect(range(5)))
print(collect(range(-3, 3)))
print(collect(range(5, 2)))
print(collect(range(0)))
print(collect(range(2, 12, 3)))
print(collect(range(10, 0, -4)))
print(collect(range(2**31 - 2, 2**31 + 2)))
print(collect(range(-2**31 - 1, -2**31 + 2)))
print(collect(range(2**40, 2**40 + 3)))
print(len(collect(range(2**31 - 5, 2**31 - 1))))

for i in range(3):
    pass
print("after the loop, i =", i)

for i in range(10):
    if i == 4:
        print("break at", i)
        break
else:
    print("not reached")

for i in range(2):
    print("turn", i)
else:
    print("else runs when the loop ends by itself")

total = 0
for i in range(4):
    for j in range(i, 4):
        total += i * j
print("nested:", total)

print([(i, j) for i in range(3) for j in range(i)])
print({i: [j for j in range(i)] for i in range(4)})
print(sum(x * x for x in range(100)))
print(list(zip(range(3), range(10, 13))))

it = iter(range(3))
for x in it:
    print("shared iterator gives", x, "then", next(it, "nothing"))

r = range(1, 4)
for a in r:
    for b in r:
        if a == b:
            continue
        print(a, b, end="; ")
print()

n = 0
for _ in range(1_000):
    n += 1
print("counted", n)
