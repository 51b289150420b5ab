# Return values pass up through every level of a deep chain.
def chain(depth):
    if depth == 0:
        x = yield "bottom"
        return x
    value = yield from chain(depth - 1)
    return value + 1


g = chain(200)
print(next(g))
try:
    g.send(0)
except StopIteration as e:
    print("top returned", e.value)
