# The return value comes with the first StopIteration only; later ones are bare.
def gen():
    return 7
    yield


g = gen()
for attempt in range(3):
    try:
        next(g)
    except StopIteration as e:
        print(attempt, repr(e), e.args, e.value)
