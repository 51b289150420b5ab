# Defining __eq__ without __hash__ makes a class unhashable (CPython sets its __hash__
# to None); so does __hash__ = None; a subclass inherits that, or defines __hash__.
class OnlyEq:
    def __eq__(self, other):
        return True


class NoHash:
    __hash__ = None


class Child(OnlyEq):
    pass


class Hashable(OnlyEq):
    def __hash__(self):
        return 5


class EqAgain(Hashable):
    def __eq__(self, other):
        return False


class BadHash:
    def __hash__(self):
        return "not an int"


class FloatHash:
    def __hash__(self):
        return 1.0


for make in [OnlyEq, NoHash, Child, Hashable, EqAgain, BadHash, FloatHash]:
    for what, attempt in [
        ("hash", lambda: hash(make())),
        ("set", lambda: {make()}),
        ("dict", lambda: {make(): 1}),
        ("in", lambda: make() in {1: 2}),
        ("frozenset", lambda: frozenset([make()])),
        ("tuple", lambda: hash((1, make()))),
    ]:
        try:
            r = attempt()
            print(make.__name__, what, r if isinstance(r, (int, bool)) else len(r))
        except TypeError as e:
            print(make.__name__, what, "TypeError:", e)

# A plain class hashes by identity: equal only to itself.
class Plain:
    pass


p = Plain()
print(len({p, p, Plain()}), p in {p}, Plain() in {p}, hash(p) == hash(p))
