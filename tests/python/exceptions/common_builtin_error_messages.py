# The messages of everyday errors, as CPython words them.
attempts = [
    lambda: [1, 2][5],
    lambda: {"a": 1}["b"],
    lambda: int("12x"),
    lambda: "a" + 1,
    lambda: undefined_name,
    lambda: None.attr,
    lambda: len(5),
]
for attempt in attempts:
    try:
        attempt()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
