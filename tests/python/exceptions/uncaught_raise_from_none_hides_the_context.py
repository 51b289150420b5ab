# `raise ... from None` prints only the new error.
def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise LookupError(f"unknown key {key!r}") from None


lookup({}, "x")
