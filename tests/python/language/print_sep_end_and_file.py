# print's sep and end; file=sys.stderr writes to standard error.
import sys

print("a", "b", "c", sep="-", end="!\n")
print("no newline", end="")
print(" ... continued")
print("to stderr", file=sys.stderr)
print()
print(1, [2], (3,), {"k": None}, sep=" | ")
