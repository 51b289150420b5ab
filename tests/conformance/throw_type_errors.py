# The TypeErrors of bad throw() arguments; the generator is left untouched.
from harness import say, show, state


def catcher():
    got = None
    while True:
        try:
            yield got
        except BaseException as e:
            got = e


g = catcher()
next(g)
show("throw(ValueError('i'), 'v')", lambda: g.throw(ValueError("i"), "v"))
show("throw(ValueError, 'v', 23)", lambda: g.throw(ValueError, "v", 23))
show("throw('abc')", lambda: g.throw("abc"))
show("throw(5)", lambda: g.throw(5))
show("throw(int)", lambda: g.throw(int))
show("throw(None)", lambda: g.throw(None))
show("throw([])", lambda: g.throw([]))
show("throw()", lambda: g.throw())
show("throw(ValueError, 1, None, 4)", lambda: g.throw(ValueError, 1, None, 4))
say(state(g))
show("next", lambda: next(g))
