# A handler for a base class catches its subclasses; the first matching clause wins.
for exc in [KeyError("k"), IndexError(0), ZeroDivisionError("z")]:
    try:
        raise exc
    except LookupError:
        print(type(exc).__name__, "is a LookupError")
    except ArithmeticError:
        print(type(exc).__name__, "is an ArithmeticError")
