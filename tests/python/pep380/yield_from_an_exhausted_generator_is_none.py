# Delegating to a generator that already finished gives None: its return value is gone.
def sub():
    return "only once"
    yield


def delegator(s):
    value = yield from s
    print("value:", value)


s = sub()
list(delegator(s))
list(delegator(s))
