# and/or return one of their operands, and short-circuit.
print(0 or "default", "x" or "y", None and 1, 3 and 4, not [], not "s")


def loud(v):
    print("loud", v)
    return v


print(False and loud(1), True or loud(2))
