# If the body handles the thrown exception and returns, throw() raises StopIteration.
def gen():
    try:
        yield
    except ValueError:
        return "handled"


g = gen()
next(g)
try:
    g.throw(ValueError)
except StopIteration as e:
    print("StopIteration with value", e.value)
