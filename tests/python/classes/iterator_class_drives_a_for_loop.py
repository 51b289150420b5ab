# A class with __iter__ and __next__ is an iterator: for calls __next__ until StopIteration.
class Squares:
    def __init__(self, limit):
        self.n = 0
        self.limit = limit

    def __iter__(self):
        return self

    def __next__(self):
        if self.n >= self.limit:
            raise StopIteration
        self.n += 1
        return self.n * self.n


for sq in Squares(4):
    print(sq)
