# `raise ... from None`: no cause, context kept but suppressed.
try:
    try:
        int("x")
    except ValueError:
        raise KeyError("clean") from None
except KeyError as e:
    print(e.__cause__)
    print(type(e.__context__).__name__)
    print(e.__suppress_context__)
