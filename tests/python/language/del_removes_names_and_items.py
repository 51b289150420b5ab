# del unbinds a name, or removes a list item or a dict key.
xs = [0, 1, 2, 3]
del xs[1]
d = {"a": 1, "b": 2}
del d["a"]
v = 5
del v
print(xs, d)
try:
    print(v)
except NameError as e:
    print(e)
