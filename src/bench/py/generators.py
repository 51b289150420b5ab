# corosim bench python: `send` through a chain of `yield from`s, the same program under
# corosim's interpreter and CPython. usage: generators.py SENDS DEPTH
# (DEPTH 0: a plain generator). The bench times the whole process, minus a run with 0 sends.
import sys


def echo():
    x = None
    while True:
        x = yield x


def relay(sub):
    return (yield from sub)


def main(sends, depth):
    g = echo()
    for _ in range(depth):
        g = relay(g)
    next(g)
    for _ in range(sends):
        g.send(1)


main(int(sys.argv[1]), int(sys.argv[2]))
