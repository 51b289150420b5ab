# No name is close enough: the message stands alone. A caught NameError carries its name.
try:
    missing_value
except NameError as e:
    print(e.name, e)
try:
    [].appendx(1)
except AttributeError as e:
    print(e.name, e.obj, e)
xyzzy_plugh
