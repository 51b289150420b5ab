# A body that yields during close(): RuntimeError('generator ignored GeneratorExit') with
# no __context__; the generator stays SUSPENDED at that yield and can go on.
from harness import links, say, show, state


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        say("  caught GeneratorExit, yielding anyway")
        x = yield "ignored"
        say(f"  resumed with {x!r}")
    yield "after"


g = stubborn()
next(g)
e = show("close()", lambda: g.close())
links("  links", e)
say(state(g))
show("next", lambda: next(g))
show("close() at a plain yield", lambda: g.close())
say(state(g))


def yields_in_finally():
    try:
        yield 1
    finally:
        say("  finally yields")
        yield "from finally"
        say("  finally resumed")


g = yields_in_finally()
next(g)
show("close()", lambda: g.close())
say(state(g))
show("close() again", lambda: g.close())
say(state(g))


def delegates_on_exit(source):
    try:
        yield 1
    except GeneratorExit:
        say("  caught GeneratorExit, yielding from a delegate")
        yield from source


def sub():
    yield "from sub"


for label, source in [("list", ["from list"]), ("generator", sub())]:
    g = delegates_on_exit(source)
    next(g)
    show(f"yield from {label} on exit: close()", lambda: g.close())
    say(state(g))
