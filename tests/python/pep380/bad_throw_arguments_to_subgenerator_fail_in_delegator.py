# Bad throw() arguments are forwarded raw to a generator sub-iterator, which rejects
# them: its TypeError is raised inside the delegator, which can catch it.
def sub():
    yield "sub"


def delegator():
    try:
        yield from sub()
    except TypeError as e:
        print("delegator caught:", e)
        yield "delegator recovered"


g = delegator()
next(g)
print(g.throw(ValueError("x"), "extra"))
