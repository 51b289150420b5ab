# A plain generator cannot `yield from` a native coroutine.
async def coro():
    return 1


def delegator(c):
    yield from c


c = coro()
try:
    next(delegator(c))
except TypeError as e:
    print(e)
c.close()
