# An exception keeps its constructor arguments in .args; str() depends on how many.
for e in [ValueError(), ValueError("one"), ValueError("one", 2)]:
    print(repr(e), e.args, repr(str(e)))
