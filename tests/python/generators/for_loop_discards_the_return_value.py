# A for loop and list() stop at StopIteration and drop the return value.
def gen():
    yield 1
    yield 2
    return "dropped"


for x in gen():
    print(x)
print(list(gen()))
