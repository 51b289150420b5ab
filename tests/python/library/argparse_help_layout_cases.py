# Help layouts: long invocations push the help to the next line, metavar tuples,
# nargs=2 and '*', choices as {a,b}, required options, suppressed help, no description.
import argparse

p = argparse.ArgumentParser(prog="layout", epilog="That is all.")
p.add_argument("--a-rather-long-option-name", metavar="SOMETHING", help="help that starts on the next line")
p.add_argument("--point", nargs=2, metavar=("X", "Y"), type=float, help="a point")
p.add_argument("--names", nargs="*", help="zero or more names")
p.add_argument("--level", choices=["low", "mid", "high"], required=True, help="one of %(choices)s")
p.add_argument("--secret", help=argparse.SUPPRESS)
p.add_argument("--flag", action="store_true")
p.add_argument("files", nargs="+", metavar="FILE", help="input files")
p.add_argument("mode", nargs="?", choices=["r", "w"], default="r")
p.print_help()
print(p.parse_args(["--level", "mid", "a", "b", "w", "--point", "1", "2.5"]))
for argv in (["a"], ["--level", "top", "a"], ["--level", "low"], ["--point", "1", "--level", "low", "f"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
q = argparse.ArgumentParser(prog="tiny", add_help=False)
q.add_argument("x")
print(repr(q.format_help()))
print(q.parse_args(["1"]), p.get_default("mode"))
