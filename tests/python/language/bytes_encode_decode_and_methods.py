# str.encode() makes bytes, bytes.decode() reads them back; the codec decides how.
word = "café ☕"
raw = word.encode()
print(raw, len(word), len(raw))
print(raw.decode(), raw.decode("utf-8") == word)
print("abc".encode("ascii"), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
print("naïve".encode("ascii", "replace"), "naïve".encode("ascii", errors="ignore"))
print(b"caf\xff!".decode("utf-8", "replace"), b"caf\xff!".decode(errors="ignore"))
for bad in [b"\xff", b"ok\xe2\x28\xa1", b"\xf0\x90\x28", b"cut \xe2\x82", b"\x80abc"]:
    try:
        bad.decode()
    except UnicodeDecodeError as e:
        print(type(e).__name__, e, isinstance(e, ValueError))
try:
    "π = 3.14".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    b"x".decode("klingon")
except LookupError as e:
    print(type(e).__name__, e)

line = b"  GET /index.html HTTP/1.1\r\n"
print(line.strip(), line.rstrip(b"\r\n"), line.lstrip())
method, path, version = line.split()
print(method, path, version, line.split(b"/", 1))
print(b"a,b,,c".split(b","), b"  a  b ".split(), b"a b c".split(None, 1))
print(line.strip().startswith(b"GET"), path.endswith((b".html", b".htm")), path.find(b"."), path.find(b"z"))
print(b"-".join([b"a", b"b", b"c"]), b"".join(x.encode() for x in "xyz"))
print(b"aaa".replace(b"a", b"bb"), b"aaa".replace(b"a", b"b", 2), b"banana".count(b"an"))
print(b"Hello".upper(), b"Hello".lower(), b"123".isdigit(), b"12a".isdigit(), b"abc".isalpha())
print(b"one\ntwo\r\nthree".splitlines(), b"k=v=w".partition(b"="), b"kv".partition(b"="))
print(b"\x01\xab".hex(), b"prefix.txt".removeprefix(b"prefix"), b"a.txt".removesuffix(b".txt"))
print(b"abc".index(b"c"), b"abc".rfind(b"b"), b"abc".index(98))
try:
    b"abc".index(b"z")
except ValueError as e:
    print("ValueError", e)
try:
    b"abc".startswith("a")
except TypeError as e:
    print("TypeError", e)
