# PEP 479 applies even to a throw into a just-created generator.
def gen():
    yield


try:
    gen().throw(StopIteration(7))
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", repr(e.__cause__))
