# close() on a closed generator does nothing and returns None, as often as you like.
def gen():
    try:
        yield
    finally:
        print("finally, once")


g = gen()
next(g)
print(g.close())
print(g.close())
print(g.close())
