# When the body returns, the resuming call raises StopIteration carrying the value.
def gen():
    yield 1
    return "result"


g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value:", e.value)
    print("args:", e.args)
