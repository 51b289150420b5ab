# Zero, empty containers and None are false; everything else is true.
for v in [0, 0.0, "", [], {}, (), set(), None, 1, "0", [0], -1]:
    print(repr(v), bool(v))
