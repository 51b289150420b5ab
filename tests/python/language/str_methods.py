# Everyday str methods.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.lower(), t.upper(), t.title(), t.swapcase())
print(t.split(", "), "a,b,,c".split(","), " x  y ".split())
print("-".join(["a", "b", "c"]), t.replace("l", "L", 2))
print(t.startswith("Hell"), t.endswith("!"), t.find("o"), t.rfind("o"), t.find("z"), t.count("l"))
print("42".zfill(5), "ab".center(6, "*"), "ab".ljust(4, "."), "ab".rjust(4, "."))
print("abc".isalpha(), "123".isdigit(), " ".isspace(), "Ab".isupper())
print("a=b=c".partition("="), "line1\nline2".splitlines())
