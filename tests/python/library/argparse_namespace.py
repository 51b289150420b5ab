# Namespace: attributes in the order set, compared by value, 'in' by name.
import argparse

ns = argparse.Namespace(b=2, a=1)
print(ns, ns.a + ns.b, "a" in ns, "z" in ns)
ns.c = [3]
print(ns, ns == argparse.Namespace(b=2, a=1, c=[3]), ns == argparse.Namespace(a=1))
p = argparse.ArgumentParser()
p.add_argument("--x", default=5)
print(p.parse_args([], namespace=argparse.Namespace(y=0)))
args, rest = p.parse_known_args(["--x", "1", "extra", "--more"])
print(args, rest)
