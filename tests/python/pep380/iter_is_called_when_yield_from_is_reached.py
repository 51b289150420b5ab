# iter() of the operand runs when execution reaches `yield from`, not at creation.
class Loud:
    def __iter__(self):
        print("__iter__ called")
        return iter([1])


def delegator():
    print("delegator started")
    yield from Loud()


g = delegator()
print("created")
print(next(g))
