# Subcommands with a title, a metavar and required=True; a repeated name is refused.
import argparse
p = argparse.ArgumentParser(prog="t")
p.add_argument("x")
s = p.add_subparsers(title="cmds", description="the commands", required=True, metavar="CMD")
a = s.add_parser("run", help="run it")
a.add_argument("-n", type=int)
s.add_parser("stop")
print(p.format_help())
print(p.parse_args(["1", "run", "-n", "2"]))
for argv in (["1"], ["1", "zz"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
try:
    s.add_parser("run")
except argparse.ArgumentError as e:
    print("ArgumentError", e)
try:
    p.add_subparsers()
except SystemExit as e:
    print("exit", e.code)
