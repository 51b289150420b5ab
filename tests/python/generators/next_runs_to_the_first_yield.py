# next() runs the body up to the next yield and returns the yielded value.
def steps():
    print("step 1")
    yield "a"
    print("step 2")
    yield "b"
    print("step 3")


g = steps()
print(next(g))
print(next(g))
