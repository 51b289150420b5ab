# repr() of every one-character string (surrogates aside): the ranges of code points it
# escapes, so every Unicode category's treatment is compared, not just a sample.
from harness import say


def escaped(cp):
    c = chr(cp)
    return repr(c)[1:-1] != c


start = None
count = 0
for cp in list(range(0xD800)) + list(range(0xE000, 0x110000)) + [None]:
    esc = cp is not None and escaped(cp)
    if esc:
        count += 1
        if start is None:
            start = cp
        last = cp
    elif start is not None:
        say(f"{start:#x}-{last:#x}")
        start = None
say(f"{count} code points escaped")
