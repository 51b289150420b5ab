# Long options may be abbreviated when unambiguous; '-5' is an argument, not an option,
# unless some option looks like a negative number.
import argparse

p = argparse.ArgumentParser(prog="abbr")
p.add_argument("--verbose", action="store_true")
p.add_argument("--version-file")
p.add_argument("--count", type=int)
p.add_argument("x", type=int, nargs="?")
print(p.parse_args(["--verb", "--cou", "3", "-5"]))
print(p.parse_args(["--count=-2", "--version-f=v.txt"]))
for argv in (["--ver"], ["-5", "--c"], ["--colour", "red"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
q = argparse.ArgumentParser(prog="neg", allow_abbrev=False)
q.add_argument("-1", dest="one", action="store_true")
q.add_argument("--long")
print(q.parse_args(["-1"]))
try:
    q.parse_args(["--lo", "x"])
except SystemExit as e:
    print("exit", e.code)
