# repr() and str() of None, bools, ints, tuples (empty, 1-tuple, nested), lists, dicts,
# namedtuples, and classes.
from collections import namedtuple

from harness import say


class FetchError(Exception):
    pass


Summary = namedtuple("Summary", "count average")
samples = [
    None,
    True,
    False,
    0,
    -1,
    9223372036854775807,
    -9223372036854775808,
    (),
    (1,),
    ((1,),),
    (1, "a", None),
    [],
    [1, [2, (3,)]],
    {},
    {"a": 1, 2: [None], (1,): {"x": True}},
    [{"k": ()}],
    Summary(3, 1.5),
    Summary("it's", None),
    ValueError,
    FetchError,
    GeneratorExit,
    int,
]
for i, x in enumerate(samples):
    say(f"{i}: repr={x!r} str={str(x)}")
