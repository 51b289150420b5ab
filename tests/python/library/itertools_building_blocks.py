# itertools' building blocks: each takes iterables and hands out items lazily.
from itertools import (accumulate, combinations, combinations_with_replacement, compress,
                       count, dropwhile, filterfalse, groupby, islice, pairwise,
                       permutations, product, starmap, takewhile, tee, zip_longest)
import operator


def naturals():
    n = 0
    while True:
        print("  (made", n, end=")\n")
        yield n
        n += 1


print(list(takewhile(lambda n: n < 3, naturals())))
print(list(islice(dropwhile(lambda n: n < 5, count()), 3)))
print(list(accumulate([3, 1, 4, 1, 5])), list(accumulate([3, 1, 4], operator.mul, initial=2)))
print(list(accumulate([])), list(accumulate([], initial=0)))
print(list(filterfalse(lambda x: x % 2, range(7))), list(filterfalse(None, [0, 1, "", "a"])))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(starmap(pow, [(2, 5), (3, 2)])))
print(list(pairwise("abcd")), list(pairwise("a")))
print(list(zip_longest("ab", "xyz", "1", fillvalue="-")))
print(list(product("ab", range(2))), len(list(product(range(3), repeat=3))))
print(list(permutations("abc", 2)), list(combinations(range(4), 3)))
print(list(combinations_with_replacement("ab", 2)), list(combinations("ab", 3)))
for key, run in groupby("aaabccdd"):
    print(key, "".join(run))
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print([(k, list(g)) for k, g in groupby(words, key=lambda w: w[0])])
runs = list(groupby([1, 1, 2, 2, 2]))
print([(k, list(g)) for k, g in runs])
a, b = tee(naturals())
print(next(a), next(a), next(b), next(a), next(b))
