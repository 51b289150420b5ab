# Generators list their methods too: sned -> send.
def echo():
    while True:
        received = yield
        print("got", received)


g = echo()
next(g)
g.send("one")
g.sned("two")
