# open() in text mode on a real file: write returns the characters written, read/readline/
# readlines/iteration give them back, "a" appends, and \r\n or \r read back as \n.
import os
import tempfile

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "notes.txt")
    with open(path, "w", encoding="utf-8") as f:
        print(f.write("first line\n"), f.write("second: café ☕\n"), f.write("no newline"))
        print(f.closed, f.mode, f.encoding, f.name == path, f.writable(), f.readable())
    print(f.closed)
    print(os.path.getsize(path), "bytes on disk")

    f = open(path)
    print(repr(f.readline()))
    print(repr(f.read(8)))
    print(repr(f.readline(3)), repr(f.readline()))
    print(repr(f.read()), repr(f.read()), repr(f.readline()))
    f.close()
    f.close()  # a second close does nothing

    with open(path, "a") as f:
        f.writelines(["\nthird\r\n", "fourth\r", "fifth"])
        print("to a file", 42, sep=" | ", file=f)
    with open(path) as f:
        for number, line in enumerate(f, 1):
            print(number, repr(line))
    with open(path) as f:
        print(f.readlines())
    with open(path) as f:
        print(next(f), end="")
        print(list(f)[-1:])
    with open(path, encoding="UTF8") as f:
        print(len(f.read()))
    big = os.path.join(d, "big.txt")
    with open(big, "w") as f:
        for i in range(3000):
            f.write(f"line {i} é\n")
    with open(big) as f:
        lines = f.readlines()
    print(len(lines), lines[1234], os.path.getsize(big))
    with open(big) as f:
        text = f.read()
    print(len(text), text.count("\n"), text[-12:])
    print(sorted(os.listdir(d)))
print(os.path.exists(d))
