# type= may be any callable; ArgumentTypeError gives its own message, ValueError the
# standard one naming the function.
import argparse


def positive(text):
    n = int(text)
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{n} is not positive")
    return n


def even(text):
    n = int(text)
    if n % 2:
        raise ValueError("odd")
    return n


p = argparse.ArgumentParser(prog="t")
p.add_argument("--n", type=positive, default="4")
p.add_argument("--e", type=even)
p.add_argument("--name", type=lambda s: s.upper(), default="anon")
print(p.parse_args([]))
print(p.parse_args(["--n", "9", "--e", "2", "--name", "ada"]))
for argv in (["--n", "-3"], ["--n", "x"], ["--e", "3"]):
    try:
        p.parse_args(argv)
    except SystemExit as e:
        print("exit", e.code)
p.add_argument("--k", type=lambda s: int(s, 16))
try:
    p.parse_args(["--k", "zz"])
except SystemExit as e:
    print("exit", e.code)
