# `raise new from old` sets __cause__ to old and __suppress_context__ to True.
try:
    try:
        {}["a"]
    except KeyError as old:
        raise ValueError("new") from old
except ValueError as e:
    print(repr(e.__cause__))
    print(repr(e.__context__))
    print(e.__suppress_context__)
