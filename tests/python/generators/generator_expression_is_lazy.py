# A generator expression computes each item only when asked for it.
def loud(n):
    print("computing", n)
    return n * n


squares = (loud(n) for n in range(3))
print("made the expression")
print(next(squares))
print(list(squares))
