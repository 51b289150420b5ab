# sys.stdout.write writes text as is and returns the number of characters.
import sys

n = sys.stdout.write("written\n")
sys.stdout.flush()
print(n)
