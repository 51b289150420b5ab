# inspect.isgenerator is true for the generator, not for the function that makes it.
import inspect


def gen():
    yield


def plain():
    return 1


print(inspect.isgenerator(gen()), inspect.isgenerator(gen), inspect.isgenerator(plain()))
