# The interpreter runs common pairs of instructions as one (a loop's line and its jump
# back, `for x in …` and the store to x, `x.m` and the call, a call as a statement and
# dropping its result). Jumps may land between the two: each must still do exactly what
# it did alone.


class Box:
    def __init__(self):
        self.items = []

    def add(self, x):
        self.items.append(x)
        return x


def gen():
    x = None
    while True:
        x = yield x


def main():
    b = Box()
    # A conditional expression as a statement: one branch ends in a call whose result
    # is dropped, the other jumps straight to the drop.
    for i in range(6):
        b.add(i) if i % 2 else b.items.append(-i)
    print(b.items)

    # An `if` ending a loop's body jumps to the loop's turn back.
    n = 0
    while n < 5:
        n += 1
        if n == 3:
            print("three")
    print("n", n)

    # `continue` and `break` around the fused `for` head.
    seen = []
    for j in range(10):
        if j % 3 == 0:
            continue
        if j > 7:
            break
        seen.append(j)
    else:
        print("not reached")
    print(seen)

    # A generator driven by `send` as a statement, and by `send` kept.
    g = gen()
    next(g)
    for k in range(3):
        g.send(k)
    print(g.send("last"))

    # A method looked up on a local that is not bound yet.
    try:
        late.add(1)
        late = b
    except UnboundLocalError as e:
        print(type(e).__name__, e)

    # A method that does not exist, on a local.
    try:
        b.missing()
    except AttributeError as e:
        print(e)

    # Iterating something that is not a range, into a local.
    for word in ["a", "b"]:
        print(word, end=" ")
    print()
    total = 0
    for v in gen_values():
        total += v
    print("total", total)


def gen_values():
    yield 1
    yield 2


main()
