# A generator in the middle of a parked chain is just suspended: it can be advanced
# on its own, and the top later goes on from wherever it got to.
def inner():
    yield "inner 1"
    yield "inner 2"
    yield "inner 3"


def middle():
    yield from inner()
    yield "middle end"


mid = middle()


def top():
    yield from mid


t = top()
print(next(t))
print(next(mid))
print(next(t))
print(next(t))
