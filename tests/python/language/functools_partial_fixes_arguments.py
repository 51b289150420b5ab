# functools.partial fixes some arguments of a function.
from functools import partial


def power(base, exponent):
    return base ** exponent


square = partial(power, exponent=2)
two_to = partial(power, 2)
print(square(5), two_to(10), square.args, square.keywords)
