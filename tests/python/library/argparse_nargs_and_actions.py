# nargs ('?', '*', '+', N) and the append/count/store_const/extend actions.
import argparse

p = argparse.ArgumentParser(prog="p")
p.add_argument("first")
p.add_argument("middle", nargs="*")
p.add_argument("last", nargs=2)
p.add_argument("-I", action="append", dest="include", default=[])
p.add_argument("-v", action="count")
p.add_argument("--fast", action="store_const", const="speed", dest="mode")
p.add_argument("--tag", action="extend", nargs="+")
p.add_argument("--opt", nargs="?", const="C", default="D")
print(p.parse_args(["a", "b", "c"]))
print(p.parse_args(["a", "x", "y", "b", "c", "-vvv", "-I", "inc1", "-Iinc2", "--fast"]))
print(p.parse_args(["--opt", "a", "b", "c"]))
print(p.parse_args(["a", "b", "c", "--opt"]))
print(p.parse_args(["a", "b", "c", "--tag", "t1", "t2", "--tag", "t3", "--opt=E"]))
print(p.parse_args(["--", "-a", "-b", "-c"]))
