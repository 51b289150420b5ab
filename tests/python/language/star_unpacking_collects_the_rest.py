# a, *rest = ... collects the remaining items into a list.
first, *rest = [1, 2, 3, 4]
*init, last = "abc"
head, *middle, tail = range(5)
a, *empty = [9]
print(first, rest, init, last, head, middle, tail, a, empty)
