# A mutually exclusive group: at most one of its options (exactly one if required),
# shown as [-v | -q] or (--json | --csv) in the usage.
import argparse

p = argparse.ArgumentParser(prog="report")
loud = p.add_mutually_exclusive_group()
loud.add_argument("-v", "--verbose", action="store_true", help="say more")
loud.add_argument("-q", "--quiet", action="store_true", help="say less")
fmt = p.add_mutually_exclusive_group(required=True)
fmt.add_argument("--json", action="store_true")
fmt.add_argument("--csv", metavar="SEP", nargs="?", const=",")
p.add_argument("name", nargs="?", default="all")
p.print_help()
print(p.parse_args(["--json"]), p.parse_args(["-q", "--csv", "x"]))
for argv in (["-v", "-q", "--json"], ["--json", "--csv"], [], ["-v"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
g = p.add_argument_group("extra")
both = g.add_mutually_exclusive_group()
both.add_argument("--up", action="store_true")
both.add_argument("--down", action="store_true")
print(p.format_usage(), end="")
try:
    loud.add_argument("--must", required=True)
except ValueError as e:
    print("ValueError:", e)
