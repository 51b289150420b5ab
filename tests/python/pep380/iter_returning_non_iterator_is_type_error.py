# __iter__ must return an iterator: returning an int is a TypeError.
class Bad:
    def __iter__(self):
        return 1


def delegator():
    yield from Bad()


try:
    next(delegator())
except TypeError as e:
    print(e)
