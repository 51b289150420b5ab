# The AttributeError names the builtin iterator's type.
def delegator(iterable):
    yield from iterable


for iterable in [[1], (1,), range(1), "a", {1: 2}, {1}]:
    g = delegator(iterable)
    next(g)
    try:
        g.send(1)
    except AttributeError as e:
        print(e)
