# type() names the class of a value; type(x).__name__ is its bare name.
class Thing:
    pass


for value in [1, 1.0, "s", [1], (1,), {1: 1}, {1}, None, True, Thing()]:
    print(type(value).__name__, end=" ")
print()
print(type(Thing()) is Thing, type(3) is int)
