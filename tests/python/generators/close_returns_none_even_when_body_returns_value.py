# In 3.11 close() returns None even if the body catches GeneratorExit and returns.
def gen():
    try:
        yield
    except GeneratorExit:
        print("caught GeneratorExit")
        return "ignored"


g = gen()
next(g)
print(g.close())
