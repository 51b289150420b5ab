# The position of an unsupported statement is its own line and column, nested or not.
def describe(value):
    if value is not None:
        match value:
            case 0:
                return "zero"
            case _:
                return "other"
    return "nothing"


print(describe(0))
