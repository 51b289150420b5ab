# send() to a closed generator raises a bare StopIteration, whatever the value.
def gen():
    yield


g = gen()
g.close()
for value in [None, 5]:
    try:
        g.send(value)
    except StopIteration as e:
        print("StopIteration", e.args)
