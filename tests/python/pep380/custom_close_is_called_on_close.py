# Closing a delegator calls its iterator's close() method, then raises GeneratorExit.
class Closable:
    def __iter__(self):
        return self

    def __next__(self):
        return 1

    def close(self):
        print("Closable.close called")


def delegator():
    try:
        yield from Closable()
    finally:
        print("delegator finally")


g = delegator()
next(g)
g.close()
