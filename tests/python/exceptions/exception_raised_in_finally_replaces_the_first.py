# An exception raised in finally replaces the one in flight, which becomes its context.
try:
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
except TypeError as e:
    print(repr(e), repr(e.__context__))
