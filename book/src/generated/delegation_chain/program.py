# Three generators chained by `yield from`: a send reaches the innermost one, a throw is
# handled in the middle, and close() cleans up innermost first.
from inspect import getgeneratorstate


class Retry(Exception):
    pass


def inner():
    print("    inner: start")
    try:
        while True:
            x = yield "inner ready"
            print("    inner: got", repr(x))
    finally:
        print("    inner: cleanup")


def middle():
    print("  middle: start")
    try:
        while True:
            try:
                yield from inner()
            except Retry as e:
                print("  middle: handled", repr(e), "- starting a fresh inner")
    finally:
        print("  middle: cleanup")


def outer():
    print("outer: start")
    try:
        return (yield from middle())
    finally:
        print("outer: cleanup")


chain = outer()
print("next ->", repr(next(chain)))
print("send(1) ->", repr(chain.send(1)))
print("throw(Retry('again')) ->", repr(chain.throw(Retry("again"))))
print("chain:", chain.__name__, "->", chain.gi_yieldfrom.__name__, "->", chain.gi_yieldfrom.gi_yieldfrom.__name__)
chain.close()
print("after close:", getgeneratorstate(chain))
