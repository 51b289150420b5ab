# bytes: a sequence of ints 0..255 with a repr that looks like text but is not text.
data = b"GET /?q=cat HTTP/1.1\r\n"
print(data)
print(len(data), data[0], data[-1], data[4:11])
print(list(b"abc"), b"abc"[::-1], b"abc"[::2])
print(b"a" + b"b" * 3, 2 * b"xy")
print(b"ab" == b"ab", b"ab" == "ab", b"a" < b"b", b"ab" < b"abc")
print(99 in b"abc", b"bc" in b"abc", b"" in b"abc")
print(repr(b"it's"), repr(b'say "hi"'), repr(b"both ' and \""), b"\x00\x7f\x80\xff\\")
print(type(b"").__name__, isinstance(b"x", bytes), bool(b""), bool(b"\x00"))
print(bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes(b"copy"), bytes())
print(str(b"x"), f"{b'y'}", "%s" % b"z")
print({b"k": 1}[b"k"], len({b"a", b"a", b"b"}))
for name, args in [("index", (5,)), ("bytes", ([256],)), ("bytes", ("text",)), ("bytes", (-1,)),
                   ("concat", (1,)), ("in", ("a",)), ("in", (300,))]:
    try:
        if name == "index":
            b"abc"[args[0]]
        elif name == "bytes":
            bytes(*args)
        elif name == "concat":
            b"a" + args[0]
        else:
            args[0] in b"abc"
    except (IndexError, ValueError, TypeError) as e:
        print(name, type(e).__name__, e)
