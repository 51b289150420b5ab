# `except (A, B)` catches either.
for bad in [lambda: int("x"), lambda: [][1], lambda: {}["k"]]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print("caught", type(e).__name__)
    except Exception as e:
        print("other", type(e).__name__)
