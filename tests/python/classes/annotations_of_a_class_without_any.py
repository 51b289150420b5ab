# 3.10+: a class's __annotations__ are its own (a base's are not inherited), and a class
# without annotations gets an empty dict on first look, which it then keeps; an instance
# finds whatever dict a class on its MRO holds.
class Plain:
    pass


class Annotated:
    x: int
    y: str = "y"


class Child(Annotated):
    pass


class Grandchild(Child):
    z: float = 1.0


print(Annotated.__annotations__)
print(Child.__annotations__, Grandchild.__annotations__)
print(Annotated().__annotations__, Grandchild().__annotations__)
print(Child().__annotations__)  # Child's own, made by the look above

try:
    Plain().__annotations__
except AttributeError as e:
    print("AttributeError:", e)
print(Plain.__annotations__, type(Plain.__annotations__).__name__)
print(Plain.__annotations__ is Plain.__annotations__)
Plain.__annotations__["later"] = int
print(Plain.__annotations__, Plain().__annotations__)


class Late:
    pass


Late.__annotations__ = {"set": bool}
print(Late.__annotations__, Late().__annotations__)
