# throw(GeneratorExit) to a delegator is not forwarded as a throw: the subgenerator is
# closed, then the original GeneratorExit is raised in the delegator, or what closing
# raised instead (RuntimeError when the sub yielded, or the sub's own exception).
from harness import links, say, show


def sub(mode):
    try:
        yield "sub"
    except GeneratorExit as e:
        say(f"  sub got {e!r} ({mode})")
        if mode == "return":
            return "sub result"
        if mode == "yield":
            yield "sub ignores"
        if mode == "raise":
            raise KeyError("sub failed")
        raise


def delegator(mode, ge):
    try:
        yield from sub(mode)
    except BaseException as e:
        say(f"  delegator got {e!r} original={e is ge}")
        links("  links", e)
        yield "delegator handled"


for mode in ["reraise", "return", "yield", "raise"]:
    ge = GeneratorExit("bye")
    g = delegator(mode, ge)
    next(g)
    show(f"{mode}: throw(ge)", lambda: g.throw(ge))


class Closable:
    def __iter__(self):
        return self

    def __next__(self):
        return "item"

    def close(self):
        say("  Closable.close()")


def over(it):
    try:
        yield from it
    except GeneratorExit as e:
        say(f"  delegator got {e!r}")
        yield "handled"


for label, it in [("list", [1, 2]), ("Closable", Closable())]:
    g = over(it)
    next(g)
    show(f"{label}: throw(GeneratorExit)", lambda: g.throw(GeneratorExit))
