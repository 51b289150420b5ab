# asdict, astuple, fields, replace and is_dataclass; __post_init__ runs after __init__.
from dataclasses import dataclass, field, asdict, astuple, fields, replace, is_dataclass


@dataclass
class Item:
    name: str
    qty: int = 0


@dataclass
class Cart:
    owner: str
    items: list = field(default_factory=list)
    total: int = field(default=0, repr=False)

    def __post_init__(self):
        self.total = sum(i.qty for i in self.items)


cart = Cart("ann", [Item("pen", 2), Item("ink", 1)])
print(cart, cart.total)
print(asdict(cart))
print(astuple(cart))
print([f.name for f in fields(Cart)], [f.name for f in fields(cart)])
print(replace(cart.items[0], qty=9), cart.items[0])
print(is_dataclass(cart), is_dataclass(Cart), is_dataclass(3))
try:
    asdict(3)
except TypeError as e:
    print("TypeError:", e)
