# An __eq__ that raises inside a set lookup: the exception comes out of the `in`,
# through the frames that asked, and the set is unchanged.
class Touchy:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        return 7

    def __eq__(self, other):
        if self.x != other.x:
            raise ValueError(f"cannot compare {self.x} with {other.x}")
        return True


s = {Touchy(1)}
try:
    s.add(Touchy(2))
except ValueError as e:
    print("caught:", e, len(s))
try:
    d = {Touchy(1): "a", Touchy(3): "b"}
except ValueError as e:
    print("caught:", e)


def look(item):
    return item in s


print(look(Touchy(1)))
print(look(Touchy(5)))
