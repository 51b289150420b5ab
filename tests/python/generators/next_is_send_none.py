# next(g) is exactly g.send(None): the yield expression evaluates to None.
def show():
    while True:
        value = yield
        print("yield evaluated to", value)


g = show()
g.send(None)
next(g)
g.send(None)
g.send(0)
