# Argument groups get their own help section; version prints and exits; the formatter
# classes keep raw text or add defaults.
import argparse

p = argparse.ArgumentParser(prog="srv", description="A tiny server.\n  Indented line kept?",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
net = p.add_argument_group("network", "Where to listen.")
net.add_argument("--host", default="127.0.0.1", help="address to bind")
net.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
p.add_argument("--version", action="version", version="%(prog)s 1.0")
p.print_help()
try:
    p.parse_args(["--version"])
except SystemExit as e:
    print("exit", e.code)
d = argparse.ArgumentParser(prog="d", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
d.add_argument("--level", type=int, default=3, help="how loud")
d.add_argument("names", nargs="*", default=["all"], help="who")
d.add_argument("--quiet", action="store_true", help="say nothing")
print(d.format_help())
print(p.parse_args(["--port", "9"]), d.parse_args([]))
