# An uncaught ExceptionGroup prints CPython 3.11's boxed traceback: each exception in a
# numbered box, nested groups indented.
def inner():
    try:
        raise KeyError("first")
    except KeyError as e:
        return e


def boom():
    raise ExceptionGroup(
        "outer",
        [inner(), ValueError("plain"), ExceptionGroup("nested", [TypeError("deep")])],
    )


boom()
