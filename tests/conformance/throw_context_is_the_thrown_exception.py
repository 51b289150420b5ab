# An exception raised while handling a thrown one gets it as __context__; `raise X from e`
# also sets __cause__ and __suppress_context__.
from harness import links, show


def translator(explicit):
    try:
        yield 1
    except ValueError as e:
        if explicit:
            raise KeyError("translated") from e
        raise KeyError("translated")


for explicit in [False, True]:
    g = translator(explicit)
    next(g)
    e = show(f"explicit={explicit}: throw", lambda: g.throw(ValueError("orig")))
    links("  links", e)
