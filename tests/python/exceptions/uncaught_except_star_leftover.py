# What `except*` did not handle goes on, with the traceback of the original group; an
# error in a clause is chained to the part it was handling.
def work():
    raise ExceptionGroup("batch", [ValueError("v"), OSError("disk")])


try:
    work()
except* ValueError as eg:
    print("handling", repr(eg))
    raise RuntimeError("while handling the values")
