# throw() normalisation: E -> E(); instance -> itself; (E, instance of E) -> that
# instance; (E, tuple) -> E(*tuple); (E, None) -> E(); (E, v) -> E(v); (E, v, None).
from harness import say


def catcher():
    got = None
    while True:
        try:
            yield got
        except BaseException as e:
            got = e


g = catcher()
next(g)
inst = ValueError("inst")
v = ValueError("v")
say(f"throw(ValueError) -> {g.throw(ValueError)!r}")
r = g.throw(inst)
say(f"throw(inst) -> {r!r} same={r is inst}")
r = g.throw(ValueError, v)
say(f"throw(ValueError, v) -> {r!r} same={r is v}")
r = g.throw(Exception, v)
say(f"throw(Exception, v) -> {r!r} same={r is v}")
r = g.throw(KeyError, v)
say(f"throw(KeyError, v) -> {r!r} same={r is v}")
say(f"throw(ValueError, ('a', 1)) -> {g.throw(ValueError, ('a', 1))!r}")
say(f"throw(ValueError, ()) -> {g.throw(ValueError, ())!r}")
say(f"throw(ValueError, None) -> {g.throw(ValueError, None)!r}")
say(f"throw(ValueError, 'x') -> {g.throw(ValueError, 'x')!r}")
say(f"throw(ValueError, 5) -> {g.throw(ValueError, 5)!r}")
say(f"throw(ValueError, [1]) -> {g.throw(ValueError, [1])!r}")
say(f"throw(ValueError, 'x', None) -> {g.throw(ValueError, 'x', None)!r}")
r = g.throw(inst, None)
say(f"throw(inst, None) -> {r!r} same={r is inst}")
say(f"throw(GeneratorExit, 'ge') -> {g.throw(GeneratorExit, 'ge')!r}")
