# Bad command lines: the usage and 'prog: error: ...' on stderr, SystemExit(2).
import argparse
import sys

parser = argparse.ArgumentParser(prog="calc")
parser.add_argument("op", choices=["add", "mul"])
parser.add_argument("numbers", type=int, nargs="+")
parser.add_argument("--base", type=int, default=10)

for argv in (["add"], [], ["pow", "1"], ["add", "1", "x"], ["add", "1", "--base"], ["add", "2", "--bogus"],
             ["mul", "3", "4"]):
    sys.stderr.flush()
    try:
        print(argv, "->", parser.parse_args(argv))
    except SystemExit as e:
        print(argv, "-> exit", e.code)
