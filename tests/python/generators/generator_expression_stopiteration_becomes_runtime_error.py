# PEP 479 holds in generator expressions: next() running dry inside one is a RuntimeError.
it = iter([1])
pairs = (next(it) for _ in range(3))
try:
    print(list(pairs))
except RuntimeError as e:
    print("RuntimeError:", e)
