# str(KeyError(k)) is repr(k), unlike other exceptions.
print(str(KeyError("name")))
print(str(ValueError("name")))
print(repr(KeyError("name")))
