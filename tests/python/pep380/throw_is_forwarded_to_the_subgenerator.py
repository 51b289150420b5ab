# throw() into a delegator is thrown into the sub-generator, which can handle it.
def sub():
    while True:
        try:
            yield "sub waiting"
        except ValueError as e:
            print("sub handled", e)


def delegator():
    yield from sub()


g = delegator()
next(g)
print(g.throw(ValueError("v1")))
