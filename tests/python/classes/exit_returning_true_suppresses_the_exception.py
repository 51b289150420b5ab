# An __exit__ that returns True swallows the exception; False lets it through.
class Suppress:
    def __init__(self, swallow):
        self.swallow = swallow

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit saw", repr(exc))
        return self.swallow


with Suppress(True):
    raise ValueError("swallowed")
print("went on")
try:
    with Suppress(False):
        raise ValueError("passed on")
except ValueError as e:
    print("caught", e)
