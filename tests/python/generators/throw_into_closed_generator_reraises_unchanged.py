# throw() into a finished generator raises the exception as is, even a StopIteration.
def gen():
    yield


g = gen()
list(g)
err = KeyError("same object")
try:
    g.throw(err)
except KeyError as e:
    print(e is err)
try:
    g.throw(StopIteration(5))
except StopIteration as e:
    print("StopIteration", e.value)
