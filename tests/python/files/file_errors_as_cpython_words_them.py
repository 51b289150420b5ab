# Failed file operations raise CPython's OSError subclasses with errno, strerror and the
# file name; a closed file and a file opened the other way raise ValueError and
# io.UnsupportedOperation.
import io
import os
import tempfile


hidden = []


def show(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except Exception as e:
        # A temporary directory's name differs run to run: shown as <tmp>.
        message = f"{type(e).__name__}: {e}"
        for name in hidden:
            message = message.replace(name, "<tmp>")
        print(message)
        return e


e = show(open, "no/such/file.txt")
print(e.errno, repr(e.strerror), repr(e.filename), e.args, isinstance(e, OSError))
show(open, "no_such_file.txt", "r")
show(open, "missing.txt", encoding="utf-8")
show(os.path.getsize, "missing.bin")
show(os.listdir, "missing_dir")
show(os.remove, "missing.txt")
show(os.rmdir, "missing_dir")
for mode in ["rw", "t", "rr", "q", "", "rbt", "rU"]:
    show(open, "x.txt", mode)
show(open, 3.5)
show(open, "x.txt", "r", foo=1)
show(os.path.join, "a", 1)
print(OSError(2, "No such file or directory", "f.txt"))
print(OSError(2, "No such file or directory", "f.txt").args, OSError(13, "Denied").filename)
print(OSError("just a message"), OSError("just a message").errno)

with tempfile.TemporaryDirectory() as d:
    hidden.append(d)
    path = os.path.join(d, "a.txt")
    with open(path, "w") as f:
        f.write("x")
        e = show(f.read)
        print(type(e) is io.UnsupportedOperation, isinstance(e, OSError), isinstance(e, ValueError))
        show(f.write, 42)
    show(f.write, "after close")
    show(f.read)
    with open(path) as f:
        show(f.write, "y")
    show(next, f)
    show(iter, f)
    e = show(open, path, "x")
    print(type(e).__name__, e.errno, e.filename == path)
    e = show(open, d)
    print(type(e).__name__, e.errno, e.strerror, e.filename == d)
    e = show(open, d, "w")
    print(type(e).__name__, e.errno, e.strerror)
    e = show(os.mkdir, d)
    print(type(e).__name__, e.errno)
    e = show(os.listdir, path)
    print(type(e).__name__, e.errno, e.strerror)
    try:
        open(os.path.join(d, "nope", "deeper.txt"))
    except FileNotFoundError as e:
        print("caught as FileNotFoundError:", e.strerror)
    except OSError:
        print("wrong class")
