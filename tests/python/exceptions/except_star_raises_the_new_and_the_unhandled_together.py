# What `except*` clauses raise, and what no clause matched, leave the `try` together as
# one ExceptionGroup('', [...]); a bare `raise` puts the part back where it was.
def raise_group():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])


try:
    try:
        raise_group()
    except* ValueError:
        raise RuntimeError("new in the clause")
    except* KeyError:
        raise
except ExceptionGroup as eg:
    print(repr(eg))
    print("new one's context:", repr(eg.exceptions[0].__context__))

try:
    try:
        raise_group()
    except* (ValueError, KeyError):
        raise
except ExceptionGroup as eg:
    print("re-raised, same shape:", repr(eg))

try:
    raise_group()
except* ValueError:
    pass
except* TypeError:
    pass
except* KeyError:
    print("all handled: nothing goes on")
