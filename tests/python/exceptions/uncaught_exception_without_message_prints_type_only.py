# An exception without arguments prints its type name alone.
print("start")
raise NotImplementedError
