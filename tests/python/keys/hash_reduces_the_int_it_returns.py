# hash() calls __hash__; the int it returns is kept when it fits in 64 bits (so
# hash(x) == hash(y) when x.__hash__ returns hash(y)), -1 becomes -2, bigger ints are
# hashed as ints are, and a bool is an int.
class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


for h in [0, 1, -1, -2, 2**61 - 1, 2**61, -(2**61), 2**63 - 1, -(2**63), 2**63, 2**64 + 5, -(2**100), True, False]:
    print(repr(h), hash(H(h)))
print(hash(H(hash("spam"))) == hash("spam"), hash(H(hash((1, 2)))) == hash((1, 2)))
