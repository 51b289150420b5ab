# A body that ends without return raises StopIteration() with empty args.
def gen():
    yield "only"


g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print(repr(e), e.args, e.value)
