# `with` calls __enter__ (its result bound by `as`), runs the body, then __exit__.
class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type)
        return False


with Resource("db") as handle:
    print("body sees", handle)
