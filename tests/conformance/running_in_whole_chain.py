# While the leaf of a yield-from chain executes, every generator in the chain is RUNNING,
# also while a throw or close is being forwarded; gi_yieldfrom is None while a send runs.
# (While a throw or close is forwarded, CPython 3.11 still shows the delegate there; that
# implementation detail is not pinned.)
from harness import say, show, state


def report(where):
    say(f"{where}: top={state(top)} mid={state(mid)}")


def leaf():
    try:
        report("leaf runs")
        say(f"  top.gi_yieldfrom is None: {top.gi_yieldfrom is None}")
        try:
            yield "leaf"
        except KeyError:
            report("leaf handles a throw")
            yield "leaf again"
    finally:
        report("leaf finally on close")


def middle():
    yield from leaf()


def outer():
    yield from mid


mid = middle()
top = outer()
show("next(top)", lambda: next(top))
say(f"parked: top={state(top)} mid={state(mid)} top.gi_yieldfrom is mid: {top.gi_yieldfrom is mid}")
show("top.throw(KeyError)", lambda: top.throw(KeyError))
show("top.close()", lambda: top.close())
say(f"closed: top={state(top)} mid={state(mid)}")
