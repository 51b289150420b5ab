# Arguments outside a function's domain, and results too big for a float.
import math

cases = [
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("log(-2.5)", lambda: math.log(-2.5)),
    ("log(10, 1)", lambda: math.log(10, 1)),
    ("exp(1000)", lambda: math.exp(1000)),
    ("pow(0, -1)", lambda: math.pow(0, -1)),
    ("pow(10, 400)", lambda: math.pow(10, 400)),
    ("acos(2)", lambda: math.acos(2)),
    ("sin(inf)", lambda: math.sin(math.inf)),
    ("factorial(-1)", lambda: math.factorial(-1)),
    ("factorial(2.0)", lambda: math.factorial(2.0)),
    ("isqrt(-4)", lambda: math.isqrt(-4)),
    ("floor(inf)", lambda: math.floor(math.inf)),
    ("ceil(nan)", lambda: math.ceil(math.nan)),
    ("sqrt('4')", lambda: math.sqrt("4")),
    ("fmod(1, 0)", lambda: math.fmod(1, 0)),
    ("comb(-1, 2)", lambda: math.comb(-1, 2)),
]
for text, f in cases:
    try:
        print(text, "=", f())
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        print(text, "->", type(e).__name__ + ":", e)
