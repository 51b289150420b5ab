# @dataclass writes __init__, __repr__ and __eq__ from the annotations, in order.
from dataclasses import dataclass, field


@dataclass
class Order:
    item: str
    quantity: int = 1
    price: float = 9.5
    tags: list = field(default_factory=list)


a = Order("tea")
b = Order("tea", 1, 9.5)
c = Order(item="cake", price=3.0, quantity=2, tags=["sweet"])
print(a, c)
print(a == b, a == c, a != c, a == "tea")
a.tags.append("hot")
print(a.tags, b.tags, Order("x").tags is Order("x").tags)
print(c.quantity * c.price, Order.quantity, Order.__annotations__)
for args, kwargs in [((), {}), (("a", 1, 2.0, [], 5), {}), (("a",), {"item": "b"}), (("a",), {"colour": "red"})]:
    try:
        Order(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
