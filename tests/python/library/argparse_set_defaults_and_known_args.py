# set_defaults supplies values no argument sets; parse_known_args hands back the rest.
import argparse

p = argparse.ArgumentParser(prog="tool")
p.add_argument("--level", type=int)
p.set_defaults(level=3, mode="fast")
p.add_argument("--mode")
print(p.parse_args([]), p.get_default("level"), p.get_default("mode"))
args, rest = p.parse_known_args(["--level", "1", "file.txt", "--other", "-x", "--", "--level"])
print(args, rest)
print(p.parse_args(["--mode", "slow"]).mode)
