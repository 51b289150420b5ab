# A finally block in the body runs when the body finishes, before StopIteration.
def gen():
    try:
        yield "x"
    finally:
        print("finally")


g = gen()
print(next(g))
print(next(g, "exhausted"))
