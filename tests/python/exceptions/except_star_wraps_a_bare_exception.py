# A bare exception meets `except*` wrapped in an ExceptionGroup with an empty message;
# one no clause matches goes on unwrapped.
try:
    raise ValueError("bare")
except* ValueError as group:
    print(repr(group), group.exceptions[0].args)

try:
    try:
        raise KeyError("not matched")
    except* ValueError:
        print("not reached")
except KeyError as e:
    print("unwrapped:", repr(e))

try:
    try:
        raise ValueError("x")
    except* ValueError:
        raise TypeError("raised in the clause")
except TypeError as e:
    print("the new one, alone:", repr(e), "context:", repr(e.__context__))
