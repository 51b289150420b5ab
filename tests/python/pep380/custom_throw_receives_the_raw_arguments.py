# A delegator forwards throw()'s arguments to the iterator's throw() as they were given.
class Catcher:
    def __iter__(self):
        return self

    def __next__(self):
        return "waiting"

    def throw(self, *args):
        print("throw got", args)
        return "thrown"


def delegator():
    yield from Catcher()


g = delegator()
next(g)
print(g.throw(ValueError))
print(g.throw(ValueError, "v"))
