# send() of a value other than None to a just-created generator is a TypeError,
# and the generator stays just-created: it can still be started.
import inspect


def gen():
    x = yield "ready"
    yield f"then {x}"


g = gen()
try:
    g.send(42)
except TypeError as e:
    print("TypeError:", e)
print(inspect.getgeneratorstate(g))
print(g.send(None))
print(g.send(42))
