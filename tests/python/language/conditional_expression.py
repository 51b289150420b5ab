# x if cond else y evaluates only the branch it picks.
for n in range(4):
    print(n, "even" if n % 2 == 0 else "odd")
print("yes" if [] else "no")
