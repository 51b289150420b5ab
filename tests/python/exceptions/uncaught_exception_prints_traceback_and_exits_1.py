# An uncaught exception: output so far, then the traceback on stderr, exit status 1.
def check(n):
    if n > 2:
        raise ValueError(f"{n} is too big")
    print(n, "is fine")


check(1)
check(3)
print("never printed")
