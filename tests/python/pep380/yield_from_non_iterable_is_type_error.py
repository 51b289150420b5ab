# `yield from` on something that is not iterable is a TypeError naming its type.
def delegator(value):
    yield from value


for value in [5, None, 1.5]:
    try:
        next(delegator(value))
    except TypeError as e:
        print(e)
