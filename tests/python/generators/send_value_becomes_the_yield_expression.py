# The value passed to send() is what the paused yield expression evaluates to.
def echo():
    received = None
    while True:
        received = yield f"got {received!r}"


g = echo()
print(next(g))
print(g.send(1))
print(g.send("two"))
print(g.send([3]))
