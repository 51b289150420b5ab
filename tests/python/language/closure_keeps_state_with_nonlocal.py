# A closure keeps its enclosing variables; nonlocal lets it rebind them.
def make_counter():
    count = 0

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(10), c2())
