# `in` searches sequences by value, dicts by key, strings by substring.
print(2 in [1, 2], 3 in (1, 2), "b" in {"a": 1, "b": 2}, 1 in {"a": 1})
print("ros" in "corosim", "x" not in "corosim", 5 in range(0, 10, 5))
