# __len__ answers len(), and an empty container is false.
class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)


print(len(Bag(1, 2, 3)), bool(Bag()), bool(Bag(0)))
