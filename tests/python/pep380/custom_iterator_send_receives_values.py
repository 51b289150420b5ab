# An iterator class with a send() method receives the values sent to the delegator.
class Recorder:
    def __init__(self):
        self.got = []

    def __iter__(self):
        return self

    def __next__(self):
        return self.send(None)

    def send(self, value):
        self.got.append(value)
        if len(self.got) == 3:
            raise StopIteration(self.got)
        return len(self.got)


def delegator():
    got = yield from Recorder()
    print("recorder got", got)


g = delegator()
print(next(g))
print(g.send("x"))
try:
    g.send("y")
except StopIteration:
    print("delegator finished")
