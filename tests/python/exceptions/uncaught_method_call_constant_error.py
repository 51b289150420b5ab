# An error inside obj.method(constant): the traceback points at the call, in the
# frame that made it, as CPython shows it.
class Account:
    def __init__(self):
        self.balance = 10

    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"cannot withdraw {amount}, balance is {self.balance}")
        self.balance -= amount
        return self.balance


def spend(account):
    print(account.withdraw(3))
    print(account.withdraw(
        100))


spend(Account())
