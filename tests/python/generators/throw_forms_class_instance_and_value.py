# throw(E) makes E(), throw(E, v) makes E(v), a tuple value spreads into args.
def catcher():
    while True:
        try:
            yield
        except Exception as e:
            print(type(e).__name__, e.args)


g = catcher()
next(g)
g.throw(ValueError)
g.throw(ValueError("inst"))
g.throw(ValueError, "val")
g.throw(ValueError, ("a", "b"))
g.throw(ValueError, None)
