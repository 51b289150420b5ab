# sys.exit(n) ends the program with status n; finally blocks still run.
import sys

try:
    print("exiting")
    sys.exit(3)
finally:
    print("finally before exit")
