# An exception class defined in the program prints under its own name.
class QuotaExceeded(Exception):
    pass


def spend(amount):
    raise QuotaExceeded(f"cannot spend {amount}")


spend(10)
