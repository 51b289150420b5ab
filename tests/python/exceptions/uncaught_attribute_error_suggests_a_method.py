# A misspelt attribute: the suggestion comes from dir() of the object.
class Counter:
    def __init__(self):
        self.count = 0

    def increment(self):
        self.count += 1


c = Counter()
c.increment()
print(c.count)
c.incremnt()
