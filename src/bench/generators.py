"""The CPython side of `corosim bench generators`.

The same workloads as corosim's, written the natural way: an echo generator, and a chain
of `relay` generators each doing `return (yield from sub)` on the one below. Prints one
JSON object: {"python": version, "results": [{"name", "ns", "error"}, ...]}.

usage: python3 generators.py BUDGET_MS ROUNDS DEPTH...
"""

import gc
import json
import sys
import time


def echo():
    x = None
    while True:
        x = yield x


def relay(sub):
    return (yield from sub)


def primed(depth):
    """An echo generator under `depth` relays, advanced to its first yield."""
    g = echo()
    for _ in range(depth):
        g = relay(g)
    next(g)
    return g


def timed(send, n):
    """Nanoseconds for 10 * n sends (unrolled so the loop itself costs little)."""
    r = range(n)
    start = time.perf_counter_ns()
    for _ in r:
        send(1); send(1); send(1); send(1); send(1)
        send(1); send(1); send(1); send(1); send(1)
    return time.perf_counter_ns() - start


def per_step_ns(send, budget_ns, rounds):
    """Best of `rounds` rounds, each long enough to take about `budget_ns`.

    The garbage collector is off while timing, as timeit does."""
    gc.disable()
    n = 1
    while timed(send, n) < budget_ns:
        n *= 2
    best = min(timed(send, n) for _ in range(rounds)) / (10 * n)
    gc.enable()
    return best


def main():
    budget_ns = float(sys.argv[1]) * 1e6
    rounds = int(sys.argv[2])
    depths = [int(d) for d in sys.argv[3:]]
    results = []
    for depth in depths:
        name = "send" if depth == 0 else f"yield_from_{depth}"
        try:
            g = primed(depth)
            ns = per_step_ns(g.send, budget_ns, rounds)
            results.append({"name": name, "ns": ns, "error": None})
        except RecursionError as e:
            results.append({"name": name, "ns": None, "error": f"RecursionError: {e}"})
    print(json.dumps({"python": sys.version.split()[0], "results": results}))


if __name__ == "__main__":
    main()
