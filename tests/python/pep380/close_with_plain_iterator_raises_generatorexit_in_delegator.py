# A list iterator has no close(): closing the delegator raises GeneratorExit in it.
def delegator():
    try:
        yield from [1, 2]
    except GeneratorExit:
        print("delegator got GeneratorExit")
        raise


g = delegator()
next(g)
g.close()
print("closed")
