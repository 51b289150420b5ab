# A class attribute is shared by all instances until an instance assigns its own.
class Counter:
    created = 0
    step = 1

    def __init__(self):
        Counter.created += 1


a, b = Counter(), Counter()
b.step = 10
print(Counter.created, a.step, b.step, Counter.step)
