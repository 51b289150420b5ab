# sum, min, max, any, all, sorted, reversed on plain data.
xs = [3, -1, 4, 1, 5]
print(sum(xs), sum(xs, 10), min(xs), max(xs), min("bca"), max([], default=None))
print(any(x > 4 for x in xs), all(x > 0 for x in xs), any([]), all([]))
print(sorted(xs), sorted(xs, reverse=True), list(reversed(xs)), sorted("cab"))
