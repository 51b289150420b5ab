# An empty iterable ends delegation at once: the expression is None, nothing is yielded.
def gen():
    value = yield from []
    print("value:", value)
    yield "after"


print(list(gen()))
