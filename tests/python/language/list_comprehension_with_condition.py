# [expr for x in xs if cond] keeps the items that pass the condition.
print([n * n for n in range(10) if n % 3 == 0])
