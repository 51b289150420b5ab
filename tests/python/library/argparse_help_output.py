# --help prints the usage and the sections as CPython lays them out, then exits 0.
import argparse

parser = argparse.ArgumentParser(
    prog="taxi",
    description="Simulate a fleet of taxis on a virtual clock; each taxi is a coroutine "
    "that yields events to the main loop.",
    epilog="Example: taxi 3 --seed 7",
)
parser.add_argument("taxis", type=int, help="number of taxis")
parser.add_argument("-e", "--end-time", type=int, default=180, metavar="MIN",
                    help="simulation end time in minutes (default: %(default)s)")
parser.add_argument("-s", "--seed", type=int, help="random seed, for reproducible runs")
parser.add_argument("--delay", action="store_true", help="sleep between events")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast", help="pace of the %(prog)s run")
parser.add_argument("-q", action="count", default=0)
try:
    parser.parse_args(["--help"])
except SystemExit as e:
    print("exit", e.code)
