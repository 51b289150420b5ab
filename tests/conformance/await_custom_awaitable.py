# `await x` calls x.__await__() when the await runs, and delegates to the iterator it
# returns exactly as `yield from` would: its values go out to whoever drives the
# coroutine, sends come in, throws and close are forwarded (PEP 380). A generator or an
# iterator object with send and throw, alike.
from harness import say, show, state


class Ticket:
    """An awaitable whose __await__ is a generator function."""

    def __init__(self, name):
        self.name = name
        say(f"  Ticket({name!r}) made")

    def __await__(self):
        say(f"  {self.name}.__await__() called")
        try:
            got = yield f"{self.name}: waiting"
            say(f"  {self.name} got {got!r}")
            got = yield f"{self.name}: waiting again"
            return f"{self.name} served with {got!r}"
        except ValueError as e:
            say(f"  {self.name} caught {e!r}")
            return f"{self.name} recovered"
        finally:
            say(f"  {self.name} cleans up")


class CountdownIter:
    """An iterator object with send and throw, and no generator behind it."""

    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("liftoff")
        self.n -= 1
        return self.n + 1

    def send(self, value):
        say(f"  CountdownIter.send({value!r})")
        return self.__next__()

    def throw(self, exc):
        say(f"  CountdownIter.throw({exc!r})")
        raise exc


class Countdown:
    """An awaitable whose __await__ returns an iterator object."""

    def __await__(self):
        say("  Countdown.__await__() called")
        return CountdownIter(2)


async def main():
    t = Ticket("t1")
    say("  main awaits t1")
    say(f"  main got {await t!r}")
    say(f"  main got {await Countdown()!r}")
    return "main done"


c = main()
show("send(None)", lambda: c.send(None))
show("send('a')", lambda: c.send("a"))
show("send('b')", lambda: c.send("b"))
show("send('x')", lambda: c.send("x"))
show("send(None)", lambda: c.send(None))
say(state(c))


async def waits(name):
    try:
        return await Ticket(name)
    finally:
        say(f"  waits({name!r}) finally")


c = waits("t2")
show("send(None)", lambda: c.send(None))
show("throw(ValueError('no'))", lambda: c.throw(ValueError("no")))
c = waits("t3")
show("send(None)", lambda: c.send(None))
show("close()", lambda: c.close())
say(state(c))
c = waits("t4")
show("send(None)", lambda: c.send(None))
show("throw(KeyError('k'))", lambda: c.throw(KeyError("k")))


async def counts():
    return await Countdown()


c = counts()
show("send(None)", lambda: c.send(None))
show("throw(ValueError('stop'))", lambda: c.throw(ValueError("stop")))
say(state(c))
