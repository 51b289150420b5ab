# A comprehension's loop variable is local to it.
x = "outer"
squares = [x * x for x in range(3)]
print(squares, x)
