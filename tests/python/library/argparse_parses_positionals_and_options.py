# Positionals by position, options by name, types converted, defaults filled in.
import argparse

parser = argparse.ArgumentParser(prog="copy", description="Copy some files.")
parser.add_argument("source")
parser.add_argument("dest", nargs="?", default="out")
parser.add_argument("-n", "--count", type=int, default=1, help="how many times")
parser.add_argument("-v", "--verbose", action="store_true")
parser.add_argument("--no-color", dest="color", action="store_false")
parser.add_argument("--ratio", type=float)

print(parser.parse_args(["a.txt"]))
print(parser.parse_args(["a.txt", "b.txt", "-n", "3", "--verbose"]))
print(parser.parse_args(["-v", "--count=7", "x", "--no-color", "--ratio", "0.5"]))
args = parser.parse_args(["--count", "2", "src", "dst"])
print(args.source, args.dest, args.count * 10, args.verbose, args.color)
print(vars(args))
