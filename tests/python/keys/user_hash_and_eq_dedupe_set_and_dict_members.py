# A class with __eq__ and __hash__ comparing a field: equal instances are one set
# member and one dict key; the first object stays, a later value replaces the old.
class P:
    def __init__(self, x):
        self.x = x

    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x

    def __hash__(self):
        return hash(self.x)

    def __repr__(self):
        return f"P({self.x})"


a, b = P(1), P(1)
s = {a, b, P(2)}
print(len(s), s, next(iter(s)) is a)
s.add(P(2))
s.discard(P(1))
print(s, P(2) in s, P(1) in s)

d = {a: "first", b: "second"}
print(d, len(d), list(d)[0] is a)
d[P(1)] = "third"
d[P(3)] = "new"
print(d, d[P(3)], P(3) in d, d.get(P(4), "missing"))
print(d.pop(P(1)), d, d.setdefault(P(3), "unused"), d.setdefault(P(5), "set"), d)
del d[P(3)]
print(d)
print(dict.fromkeys([P(1), P(2), P(1)], 0))
print(dict([(P(1), "x"), (P(1), "y")]), {**{P(1): 1}, **{P(1): 2}})
print({P(i % 3) for i in range(9)}, {P(i % 2): i for i in range(5)})
print({P(1): 1} == {P(1): 1}, {P(1)} == {P(1)}, [P(1)] == [P(1)], (P(1),) == (P(1),))
print({(P(1), "t"), (P(1), "t")}, frozenset([P(7), P(7)]))
