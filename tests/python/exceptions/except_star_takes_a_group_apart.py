# `except*` (PEP 654): each clause runs with the part of the group its type matches,
# keeping the group's shape; the next clause sees what is left.
def fail():
    raise ExceptionGroup(
        "several",
        [ValueError(1), KeyError("k"), ExceptionGroup("nested", [ValueError(2), OSError("os")])],
    )


try:
    fail()
except* ValueError as group:
    print("values:", repr(group))
except* KeyError as group:
    print("keys:", repr(group))
except* (OSError, TypeError) as group:
    print("the rest:", repr(group))
    print(type(group).__name__, group.message, len(group.exceptions))
else:
    print("not reached")
finally:
    print("finally")
