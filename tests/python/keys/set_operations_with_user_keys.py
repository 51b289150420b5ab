# Set operators and methods compare members with __eq__ when hashes match.
class C:
    def __init__(self, n, note=""):
        self.n, self.note = n, note

    def __eq__(self, other):
        return isinstance(other, C) and self.n == other.n

    def __hash__(self):
        return self.n % 5

    def __repr__(self):
        return f"C({self.n}{self.note})"


a = {C(i, "a") for i in range(8)}
b = {C(i, "b") for i in range(4, 12)}
print(a | b)
print(a & b)
print(a - b)
print(a ^ b)
print(a.issubset(a | b), a.isdisjoint({C(20)}), a.issuperset([C(1), C(6)]), a <= b, a >= {C(3)})
a |= {C(100), C(1, "dup")}
a -= {C(0)}
a ^= {C(2), C(50)}
a &= {C(i) for i in range(0, 200, 1)}
print(a, len(a))
print(set([C(1), C(1, "x"), C(6)]).union([C(6, "y")]).intersection({C(6), C(1)}))
