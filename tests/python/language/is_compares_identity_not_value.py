# `is` asks whether two names refer to one object; == compares values.
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, None is None)
c.append(3)
print(a)
