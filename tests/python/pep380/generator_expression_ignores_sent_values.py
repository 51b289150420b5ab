# A generator expression accepts send(v) (it is a generator) but ignores v.
def delegator():
    yield from (n * 10 for n in range(3))


g = delegator()
print(next(g))
print(g.send("ignored"))
print(g.send("ignored too"))
