# Slices: start, stop, step, negatives, and slice assignment.
xs = list(range(10))
print(xs[2:5], xs[:3], xs[7:], xs[-3:], xs[::3], xs[::-1], xs[8:2:-2])
s = "corosim"
print(s[1:4], s[-3:], s[::-1], s[100:])
xs[1:3] = ["a", "b", "c"]
print(xs)
