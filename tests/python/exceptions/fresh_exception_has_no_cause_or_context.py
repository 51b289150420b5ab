# A fresh exception raised outside any handler has no cause and no context.
try:
    raise ValueError("alone")
except ValueError as e:
    print(e.__cause__, e.__context__, e.__suppress_context__)
