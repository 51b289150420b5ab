# str.format with positions, names and specs.
print("{} + {} = {}".format(1, 2, 3))
print("{1} {0} {1}".format("a", "b"))
print("{name:>6} scored {score:.1f}".format(name="Bo", score=7.25))
