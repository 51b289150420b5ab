# In a longer line the traceback underlines the expression that failed.
def ratio(a, b):
    result = a / b + 1
    return result


print(ratio(1, 2))
print(ratio(1, 0))
