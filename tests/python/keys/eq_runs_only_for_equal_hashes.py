# A lookup asks __eq__ only of members whose hash equals the key's, after the
# identity test, in the order the table's probe meets them; `in` on a list asks each
# item, the item first; NotImplemented falls back to the reflected __eq__, then identity.
calls = []


class Loud:
    def __init__(self, name, h):
        self.name, self.h = name, h

    def __hash__(self):
        calls.append(f"hash {self.name}")
        return self.h

    def __eq__(self, other):
        calls.append(f"{self.name} == {getattr(other, 'name', other)}")
        return isinstance(other, Loud) and self.name.lower() == other.name.lower()

    def __repr__(self):
        return self.name


def show(label, result):
    print(label, result, calls)
    calls.clear()


a, b, c = Loud("a", 1), Loud("b", 1), Loud("c", 9)
s = {a, b, c}
show("built", len(s))
show("same object", a in s)
show("equal", Loud("B", 1) in s)
show("other hash", Loud("z", 2) in s)
show("collides", Loud("z", 9) in s)
d = {a: 1, b: 2, c: 3}
show("dict built", len(d))
show("dict get", d[Loud("B", 1)])
show("list in", Loud("c", 0) in [a, b, c])
show("list index", [a, b, c].index(Loud("B", 5)))
show("list count", [a, b, a].count(a))
l = [a, b, c]
l.remove(Loud("C", 0))
show("list remove", l)


class Never:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        calls.append(f"Never({self.v}).__eq__")
        return NotImplemented

    def __hash__(self):
        return 0


class Yes:
    def __eq__(self, other):
        calls.append("Yes.__eq__")
        return True

    def __hash__(self):
        return 0


n = Never(1)
show("reflected", Yes() in {Never(2): 1})
show("identity fallback", (n in {n}, Never(3) in {n}, n == Never(4)))
