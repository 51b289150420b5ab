# If the sub-generator yields while being closed, the delegator gets
# RuntimeError("generator ignored GeneratorExit") at its `yield from`.
def sub():
    try:
        yield 1
    finally:
        yield 2


def delegator():
    try:
        yield from sub()
    except RuntimeError as e:
        print("delegator sees:", e)
        raise


g = delegator()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("caller sees:", e)
