# A StopIteration that is caught inside the body never leaves it: no RuntimeError.
def gen():
    it = iter([])
    try:
        next(it)
    except StopIteration:
        print("caught inside")
    yield "went on"


print(list(gen()))
