# A subclass's fields follow its base's; a method the class writes itself is kept.
from dataclasses import dataclass
from typing import ClassVar, Optional


@dataclass
class Animal:
    name: str
    legs: int = 4
    kingdom: ClassVar[str] = "animalia"


@dataclass
class Bird(Animal):
    legs: int = 2
    wingspan: Optional[float] = None

    def __repr__(self):
        return f"<{self.name}, {self.wingspan} cm>"


print(Animal("cat"), Bird("tit", wingspan=22.5), Bird("emu", 2, 0.0).legs)
print(Animal.kingdom, Bird("x") == Bird("x"), Bird("x") == Animal("x", 2))
