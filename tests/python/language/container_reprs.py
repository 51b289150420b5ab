# How containers print: one-element tuples keep their comma, empty set is set().
print((1,), (), [], {}, set(), {1, 2}, [None, True, 1.0, "s"], {"a": (1, [2])})
print(list("ab"), tuple([1]), list(range(3)), range(3), str(range(1, 5, 2)))
