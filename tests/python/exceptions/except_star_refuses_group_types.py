# `except* ExceptionGroup` is refused when it is tried (use `except`); the clause's types
# must be exception classes.
try:
    try:
        raise ExceptionGroup("eg", [ValueError()])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)

try:
    try:
        raise ExceptionGroup("eg", [ValueError()])
    except* (ValueError, BaseExceptionGroup):
        pass
except TypeError as e:
    print(e)

try:
    try:
        raise ExceptionGroup("eg", [ValueError()])
    except* "ValueError":
        pass
except TypeError as e:
    print(e)
