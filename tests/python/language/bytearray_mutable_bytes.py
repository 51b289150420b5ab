# bytearray is bytes that can change: built from a list, an int, bytes or a str with an
# encoding; repeated with *, assigned by index and by slice (an extended slice must keep
# its size), summed, compared with bytes, and its bytes methods return bytearrays.
def show(f):
    try:
        print(f())
    except Exception as e:
        print(f"{type(e).__name__}: {e}")


a = bytearray([1]) * 10
print(a, len(a), sum(a), type(a).__name__, isinstance(a, bytearray), isinstance(a, bytes))
a[0:2] = b"\x00\x00"
a[4::3] = bytes(2)
a[-1] = 255
print(a, sum(a), a[3], a[-1], a[2:5], a[::-4])
sieve = bytearray([1]) * 50
sieve[0:2] = b"\x00\x00"
for n in range(2, 8):
    if sieve[n]:
        sieve[n * n :: n] = bytes(len(range(n * n, 50, n)))
print(sum(sieve), [i for i, is_prime in enumerate(sieve) if is_prime])

print(bytearray(), bytearray(3), bytearray(b"abc"), bytearray("héllo", "utf-8"), bytearray(range(65, 70)))
print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") < b"b", bytearray(b"ab") == bytearray(b"ab"))
print(b"x" + bytearray(b"y"), bytearray(b"x") + b"y", 2 * bytearray(b"ab"), bytearray(b"ab") * 0)
print(98 in bytearray(b"abc"), b"bc" in bytearray(b"abc"), list(bytearray(b"hi")), bool(bytearray()))
b = bytearray(b"hello world")
print(b.upper(), b.split(), b.find(b"o"), b.count(b"l"), b.decode(), b.replace(b"l", b"L"), b.hex())
print(b.partition(b" "), b.startswith(b"he"), b.strip(b"hd"))
b.append(33)
b.extend([32, 65])
b.extend(b"BC")
b.insert(0, 62)
b.insert(-100, 60)
print(b, b.pop(), b.pop(0), b)
b.remove(ord(" "))
b.reverse()
print(b, b.copy() == b, b.copy() is b)
del b[0]
del b[::2]
print(b)
b[1:3] = [120, 121, 122]
b[len(b) :] = b"!"
b[0:0] = bytearray(b"<")
print(b)
b.clear()
print(b, len(b))

show(lambda: bytearray([256]))
show(lambda: bytearray([-1]))
show(lambda: bytearray(["a"]))
show(lambda: bytearray("text"))
show(lambda: bytearray(-1))
show(lambda: bytearray(3.5))
show(lambda: bytearray(b"x", "utf-8"))
c = bytearray(b"abcdef")


def assign(key, value):
    c[key] = value


show(lambda: assign(0, 300))
show(lambda: assign(10, 1))
show(lambda: assign(slice(None, None, 2), b"xy"))
show(lambda: assign(slice(0, 2), 5))
show(lambda: assign(slice(0, 2), "ab"))
show(lambda: c[10])
show(lambda: c["x"])
show(lambda: c.append(256))
show(lambda: c.extend("ab"))
show(lambda: c.extend(5))
show(lambda: c.remove(122))
show(lambda: bytearray().pop())
show(lambda: {c: 1})
show(lambda: hash(c))
show(lambda: c + "x")
show(lambda: c.nosuch)
c[::2] = b"XYZ"
c[1] = 0x20
print(c, c[::2], c[1::2])

# A list's extended slice must keep its size too.
items = list(range(6))


def assign_items(key, value):
    items[key] = value


show(lambda: assign_items(slice(None, None, 2), [1, 2]))
items[::2] = [7, 8, 9]
print(items)
