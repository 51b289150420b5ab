# A return inside finally discards the exception in flight.
def f():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


print(f())
