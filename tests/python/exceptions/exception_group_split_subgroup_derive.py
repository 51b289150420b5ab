# A group's own methods: split by a type or a predicate, subgroup, derive; str() counts.
eg = ExceptionGroup("top", [ValueError("a"), TypeError("b"), ExceptionGroup("in", [ValueError("c")])])
print(str(eg))
print(repr(eg))
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
print(eg.split(lambda e: "b" in str(e)))
print(eg.split(ExceptionGroup)[0] is eg, eg.split(OSError)[0])
print(repr(eg.subgroup((TypeError, KeyError))))
print(eg.subgroup(lambda e: False))
derived = eg.derive([KeyError("d")])
print(repr(derived), derived.message)
single = ExceptionGroup("one", (ValueError(1),))
print(single, single.exceptions)
mixed = BaseExceptionGroup("m", [ValueError(1), KeyboardInterrupt()])
print(type(mixed).__name__, type(BaseExceptionGroup("e", [ValueError(1)])).__name__)
print(isinstance(eg, Exception), isinstance(mixed, Exception))
try:
    eg.split(42)
except TypeError as e:
    print(e)
try:
    ExceptionGroup("bad", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
