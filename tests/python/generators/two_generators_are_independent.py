# Each call makes a new generator with its own frame.
def counter(name):
    n = 0
    while True:
        n += 1
        yield f"{name}{n}"


a = counter("a")
b = counter("b")
print(next(a), next(a), next(b), next(a), next(b))
