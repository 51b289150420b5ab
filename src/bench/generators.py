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


def sends_per_round(send, budget_ns):
    """How many (tens of) sends make a round of at least `budget_ns`."""
    n = 1
    while timed(send, n) < budget_ns:
        n *= 2
    return n


def main():
    budget_ns = float(sys.argv[1]) * 1e6
    rounds = int(sys.argv[2])
    depths = [int(d) for d in sys.argv[3:]]
    # The workloads take turns, a round each, so each one's rounds are spread over the
    # whole run (the machine's speed comes and goes); the best round of each counts.
    # The garbage collector is off while timing, as timeit does.
    gc.disable()
    rows = [{"name": "send" if d == 0 else f"yield_from_{d}", "ns": None, "error": None} for d in depths]
    workloads = []
    for row, depth in zip(rows, depths):
        try:
            g = primed(depth)
            workloads.append((row, g.send, sends_per_round(g.send, budget_ns)))
        except RecursionError as e:
            row["error"] = f"RecursionError: {e}"
    for _ in range(rounds):
        for row, send, n in workloads:
            ns = timed(send, n) / (10 * n)
            row["ns"] = ns if row["ns"] is None else min(row["ns"], ns)
    gc.enable()
    print(json.dumps({"python": sys.version.split()[0], "results": rows}))


if __name__ == "__main__":
    main()
