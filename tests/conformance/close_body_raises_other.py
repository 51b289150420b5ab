# A body that raises another exception during close(): it propagates with the
# GeneratorExit as __context__; a StopIteration is converted by PEP 479 first.
from harness import links, say, show, state


def fails(exc):
    try:
        yield 1
    except GeneratorExit:
        raise exc


g = fails(ValueError("cleanup failed"))
next(g)
e = show("close()", lambda: g.close())
links("  links", e)
say(state(g))

g = fails(StopIteration("in cleanup"))
next(g)
e = show("close()", lambda: g.close())
links("  links", e)
links("  cause links", e.__cause__)
