# Raising inside an except block records the handled exception as __context__.
try:
    try:
        [][0]
    except IndexError:
        raise ValueError("second")
except ValueError as e:
    print(repr(e.__context__))
    print(e.__cause__)
    print(e.__suppress_context__)
