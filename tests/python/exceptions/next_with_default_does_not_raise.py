# next(it, default) returns the default instead of raising StopIteration.
it = iter([1])
print(next(it, "default"))
print(next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
