# A long usage line wraps with the options aligned under the program name.
import argparse

p = argparse.ArgumentParser(prog="crawler")
for name in ["max-redirects", "timeout", "concurrency", "user-agent", "retries", "output-dir"]:
    p.add_argument("--" + name, help="the " + name.replace("-", " "))
p.add_argument("--follow", action="store_true", help="follow links to other hosts; a long help text that has to wrap onto a second and a third line")
p.add_argument("url", nargs="+", help="where to start")
print(p.format_usage(), end="")
print(p.format_help(), end="")
q = argparse.ArgumentParser(prog="a-program-name-that-is-really-quite-long-for-a-command-line-tool")
for name in ["alpha", "beta", "gamma", "delta"]:
    q.add_argument("--" + name + "-option", metavar="VALUE")
q.add_argument("target")
print(q.format_usage(), end="")
