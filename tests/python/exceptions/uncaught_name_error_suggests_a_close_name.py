# A misspelt name: the traceback's last line suggests the closest name the frame could see
# (its locals first, then the module's globals, then the builtins).
def average(values):
    total = sum(values)
    count = len(values)
    return totl / count


running_total = 0
print(average([1, 2, 3]))
