# Attributes by name: getattr with a default, setattr, hasattr.
class Box:
    pass


b = Box()
setattr(b, "color", "red")
print(getattr(b, "color"), getattr(b, "size", "no size"), hasattr(b, "color"), hasattr(b, "size"))
try:
    getattr(b, "size")
except AttributeError as e:
    print(e)
