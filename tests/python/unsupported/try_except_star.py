# Exception groups (`except*`) are not simulated.
try:
    raise ExceptionGroup("many", [ValueError(1), KeyError(2)])
except* ValueError as group:
    print("values:", group.exceptions)
except* KeyError as group:
    print("keys:", group.exceptions)
