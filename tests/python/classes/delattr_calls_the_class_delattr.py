# `del obj.x` calls the class's __delattr__ when it has one.
class Guarded:
    def __delattr__(self, name):
        if name == "keep":
            raise AttributeError(f"cannot delete {name}")
        print("deleting", name)
        object.__delattr__(self, name)

g = Guarded()
g.keep = 1
g.drop = 2
del g.drop
try:
    del g.keep
except AttributeError as e:
    print(e)
print(hasattr(g, "drop"), g.keep)


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)


x = Logged()
x.a = 1
del x.a
print(vars(x))
