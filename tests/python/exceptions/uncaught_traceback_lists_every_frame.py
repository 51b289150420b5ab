# The traceback lists each call from the outermost to where the error was raised.
def level_three():
    raise KeyError("deep")


def level_two():
    level_three()


def level_one():
    level_two()


level_one()
