# typing's names evaluate where CPython evaluates them (class bodies), and print as CPython prints them.
from typing import Optional, Callable, Any, List, Dict, Union, Iterator, TypeVar, Tuple, Literal, ClassVar, NewType
import typing
print(Optional[int], Callable[..., Any], Dict[str, List[int]], Union[int, str], Union[int, None], Union[int, str, None])
print(Callable[[int, str], bool], Tuple[int, ...], Tuple[()], Literal["a", 1], Optional["Node"], Union[int], List)
T = TypeVar("T")
print(T, List[T], typing.TYPE_CHECKING, typing.cast(int, "x"))
UserId = NewType("UserId", int)
print(UserId(5), UserId)
class Node:
    value: int
    next: Optional["Node"] = None
    kids: List["Node"]
    cb: ClassVar[int] = 3
print(Node.__annotations__)
def f(a: int, b: Optional[str] = None) -> list[int]:
    return [a]
x: Optional[str] = None
print(f(1), x)
from typing import NamedTuple
Pair = NamedTuple("Pair", [("left", int), ("right", Optional[int])])
pair = Pair(1, right=None)
print(pair, pair.left, Pair._fields, pair == (1, None))
