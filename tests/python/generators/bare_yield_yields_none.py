# `yield` with no value yields None.
def gen():
    yield
    yield None
    yield 0


print(list(gen()))
