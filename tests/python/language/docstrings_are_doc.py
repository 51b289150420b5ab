# A body's first string is its docstring: __doc__ of the function or class (a class
# without one has None, even when its base has one; an instance reads its class's).
def fib():
    """Fibonacci numbers, forever."""
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def undocumented():
    x = "not a docstring"
    return x


class Account:
    """A bank account.

    Holds a balance.
    """

    def deposit(self, amount):
        "Adds money."
        return amount


class Savings(Account):
    pass


async def fetch():
    """Fetches nothing."""


print(fib.__doc__)
print(undocumented.__doc__, (lambda: 1).__doc__)
print(Account.__doc__)
print(Account().__doc__ == Account.__doc__, Account.deposit.__doc__, Account().deposit.__doc__)
print(Savings.__doc__, fetch.__doc__)
