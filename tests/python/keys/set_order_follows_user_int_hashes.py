# A set's order is its hash table's, so with __hash__ returning ints it follows those
# ints exactly as for the ints themselves: collisions, probes, resizes and removals.
class K:
    def __init__(self, h, tag=""):
        self.h, self.tag = h, tag

    def __eq__(self, other):
        return isinstance(other, K) and (self.h, self.tag) == (other.h, other.tag)

    def __hash__(self):
        return self.h

    def __repr__(self):
        return f"K({self.h}{self.tag})"


print({K(h) for h in [9, 1, 17, 2, 8, 33, -1, -2, 2**61, 2**64]})
print({K(0, t) for t in "abcdefghij"})
s = set()
for i in range(40):
    s.add(K(i * 7 % 23, str(i % 3)))
print(s)
for i in range(0, 40, 3):
    s.discard(K(i * 7 % 23, str(i % 3)))
s.add(K(5, "new"))
print(s, s.pop(), s.pop())
a = {K(i) for i in range(0, 20, 2)}
b = {K(i) for i in range(0, 30, 3)}
print(a | b, a & b, a - b, a ^ b, sep="\n")
print(sorted({K(3): 1, K(1): 2}.items(), key=lambda kv: kv[1]), list({K(3): 1, K(1): 2}))
