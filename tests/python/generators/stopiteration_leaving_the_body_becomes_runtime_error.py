# PEP 479: a StopIteration escaping a generator body becomes RuntimeError, caused by it.
def gen():
    yield 1
    raise StopIteration("inner")


g = gen()
next(g)
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", repr(e.__cause__))
    print("suppress context:", e.__suppress_context__)
