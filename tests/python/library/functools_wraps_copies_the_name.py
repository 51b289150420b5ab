# functools.wraps: a decorator's wrapper takes the wrapped function's name, qualified
# name and module, and remembers it in __wrapped__; the priming decorator of the
# coroutine chapter keeps the generator function's name.
import functools
import inspect


def primed(func):
    @functools.wraps(func)
    def primer(*args, **kwargs):
        gen = func(*args, **kwargs)
        next(gen)
        return gen
    return primer


@primed
def running_average():
    total = count = 0
    average = None
    while True:
        total += yield average
        count += 1
        average = total / count


avg = running_average()
print(running_average.__name__, running_average.__qualname__, running_average.__module__)
print(running_average.__wrapped__.__name__, inspect.getgeneratorstate(avg))
print(avg.send(10), avg.send(20))
print(repr(running_average).split(" at ")[0])
