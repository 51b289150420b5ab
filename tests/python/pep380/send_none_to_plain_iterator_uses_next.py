# send(None) while delegating to a plain iterator is next(): no `send` needed.
def delegator():
    yield from iter((10, 20, 30))


g = delegator()
print(next(g))
print(g.send(None))
print(g.send(None))
