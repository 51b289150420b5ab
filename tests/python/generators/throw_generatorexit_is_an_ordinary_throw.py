# throw(GeneratorExit) is a plain throw: a body that catches it and yields is fine.
def gen():
    try:
        yield 1
    except GeneratorExit:
        yield "after GeneratorExit"


g = gen()
next(g)
print(g.throw(GeneratorExit))
