# A generator's life in four states, watched from outside and from inside.
from inspect import getgeneratorstate


def ticket_counter(first):
    print("  inside: counting starts, state", getgeneratorstate(counter))
    number = first
    while True:
        command = yield number
        if command == "skip":
            number += 2
        else:
            number += 1


counter = ticket_counter(100)
print("created:", getgeneratorstate(counter))
print("next ->", next(counter))
print("after first yield:", getgeneratorstate(counter))
print("send('skip') ->", counter.send("skip"))
print("send(None) ->", counter.send(None))
counter.close()
print("after close:", getgeneratorstate(counter))
try:
    next(counter)
except StopIteration as e:
    print("next after close raises", repr(e))

fresh = ticket_counter(1)
try:
    fresh.send("hello")
except TypeError as e:
    print("TypeError:", e)
print("still", getgeneratorstate(fresh))
