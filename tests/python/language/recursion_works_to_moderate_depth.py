# Ordinary recursion: factorial and a recursive sum of nested lists.
def factorial(n):
    return 1 if n <= 1 else n * factorial(n - 1)


def deep_sum(x):
    if isinstance(x, list):
        return sum(deep_sum(item) for item in x)
    return x


print(factorial(30))
print(deep_sum([1, [2, [3, [4]]], 5]))
