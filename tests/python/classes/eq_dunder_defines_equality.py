# __eq__ decides ==; != is its negation; `is` still compares identity.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents


a, b = Money(100), Money(100)
print(a == b, a != b, a is b, a == 100, Money(1) in [Money(2), Money(1)])
