# A generator's frame appears in the traceback like a function's.
def numbers():
    yield 1
    raise OverflowError("no more numbers")


for n in numbers():
    print(n)
