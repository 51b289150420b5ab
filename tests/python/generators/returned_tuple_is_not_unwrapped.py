# A returned tuple is one value: StopIteration((1, 2)), value (1, 2).
def gen():
    yield
    return 1, 2


g = gen()
next(g)
try:
    g.send(None)
except StopIteration as e:
    print(e.args)
    print(e.value)
