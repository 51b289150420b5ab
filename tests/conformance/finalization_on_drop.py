# When the last reference to a SUSPENDED generator goes, it is closed: `del g`, rebinding
# the name, or breaking out of a for loop. CREATED and CLOSED generators run nothing.
# Errors during finalisation go to stderr and are never propagated.
from harness import say


def resource(name):
    say(f"  {name} opened")
    try:
        yield name
    finally:
        say(f"  {name} finally")


g = resource("a")
next(g)
say("del g")
del g
say("after del")

g = resource("b")
next(g)
say("rebind g")
g = resource("c")
say("after rebind")
del g
say("after del of a created generator")

for x in resource("d"):
    say(f"loop got {x}")
    break
say("after break")


def bad_cleanup():
    try:
        yield 1
    finally:
        raise ValueError("in finaliser")


g = bad_cleanup()
next(g)
del g
say("finaliser error was not propagated")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        say("  stubborn yields on exit")
        yield 2


g = stubborn()
next(g)
del g
say("ignored GeneratorExit was not propagated")
