# Subcommands: the first argument picks a sub-parser, which parses the rest; each has
# its own usage, help and errors.
import argparse

p = argparse.ArgumentParser(prog="vcs")
p.add_argument("--verbose", action="store_true")
sub = p.add_subparsers(dest="command", help="what to do")
clone = sub.add_parser("clone", help="copy a repository")
clone.add_argument("url")
clone.add_argument("--depth", type=int, default=0)
commit = sub.add_parser("commit", aliases=["ci"], help="record changes")
commit.add_argument("-m", "--message", required=True)
sub.add_parser("status")
p.print_help()
print(p.parse_args(["clone", "http://x", "--depth", "1"]))
print(p.parse_args(["--verbose", "ci", "-m", "hi"]))
print(p.parse_args([]), p.parse_args(["status"]))
for argv in (["push"], ["clone"], ["commit", "-m", "x", "extra"], ["clone", "--help"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
