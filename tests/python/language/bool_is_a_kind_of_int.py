# bool is a subclass of int: True == 1, and True + True == 2.
print(isinstance(True, int), True + True, True == 1, sum([True, False, True]))
print(isinstance(1, bool), issubclass(bool, int), int(True), str(False))
