# A bare `raise` in a handler re-raises the same exception object.
try:
    try:
        raise KeyError("orig")
    except KeyError as first:
        saved = first
        raise
except KeyError as again:
    print(again is saved)
