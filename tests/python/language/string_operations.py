# Strings concatenate with +, repeat with *, compare lexicographically.
print("ab" + "cd", "-" * 10, "ab" * 0 == "", "apple" < "banana", "Z" < "a")
print(len("héllo"), "héllo"[1], str(12) + "3", "x".join("abc"))
