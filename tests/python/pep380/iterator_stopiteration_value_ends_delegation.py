# A plain iterator whose __next__ raises StopIteration(x) ends delegation with value x.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return self.n + 1


def delegator():
    result = yield from Countdown(3)
    yield result


print(list(delegator()))
