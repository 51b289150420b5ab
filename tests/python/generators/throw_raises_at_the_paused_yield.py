# throw() raises the exception at the yield where the generator is paused.
def gen():
    try:
        yield 1
    except KeyError as e:
        print("caught inside at the yield:", repr(e))
        yield 2


g = gen()
print(next(g))
print(g.throw(KeyError("k")))
