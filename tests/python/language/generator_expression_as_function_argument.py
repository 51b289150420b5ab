# A generator expression can be the sole argument without extra parentheses.
print(sum(n * n for n in range(4)), max(len(w) for w in ["a", "abc", "ab"]))
print(", ".join(str(n) for n in range(3)), list(x for x in "hi"))
