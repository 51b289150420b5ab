# `yield from iterable` yields every item of it, in order.
def gen():
    yield from [1, 2]
    yield from "ab"
    yield from range(3, 5)


print(list(gen()))
