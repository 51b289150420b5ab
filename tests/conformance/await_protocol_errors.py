# What `await` refuses, each error raised at the await inside the coroutine, where it is
# caught: a value, a plain generator, and an `__await__` that returns a non-iterator or a
# coroutine (native or generator-based) or that raises. What it accepts besides a native
# coroutine: a generator-based coroutine (@types.coroutine), and an `__await__` that
# returns a plain generator.
import types

from harness import say, show


@types.coroutine
def gen_based(v):
    return (yield v)


def plain_gen(v):
    return (yield v)


async def native():
    return "native"


class Returns:
    """An awaitable whose __await__ returns what `make()` makes."""

    def __init__(self, make):
        self.make = make

    def __await__(self):
        return self.make()


class Raises:
    def __await__(self):
        raise KeyError("inside __await__")


async def main():
    refused = [
        ("await 5", lambda: 5),
        ("await None", lambda: None),
        ("await [1, 2]", lambda: [1, 2]),
        ("await plain_gen()", lambda: plain_gen("never")),
        ("__await__ returns 5", lambda: Returns(lambda: 5)),
        ("__await__ returns a list", lambda: Returns(lambda: [1, 2])),
        ("__await__ returns None", lambda: Returns(lambda: None)),
        ("__await__ returns a coroutine", lambda: Returns(native)),
        ("__await__ returns a generator-based coroutine", lambda: Returns(lambda: gen_based("never"))),
        ("__await__ returns an awaitable", lambda: Returns(lambda: Returns(lambda: 1))),
        ("__await__ raises", Raises),
    ]
    for label, make in refused:
        try:
            await make()
        except (TypeError, KeyError) as e:
            say(f"  {label}: caught {e!r}")
    a = await gen_based("a generator-based coroutine yields")
    b = await Returns(lambda: plain_gen("a plain generator from __await__ yields"))
    return [a, b]


c = main()
show("send(None)", lambda: c.send(None))
show("send('A')", lambda: c.send("A"))
show("send('B')", lambda: c.send("B"))
