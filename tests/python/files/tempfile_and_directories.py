# tempfile.TemporaryDirectory is a real directory, removed with all it holds when the
# with block ends; os.mkdir/makedirs/rename/remove/rmdir work on the real disk.
import os
import tempfile

t = tempfile.TemporaryDirectory()
print(os.path.isdir(t.name), t.name.startswith(tempfile.gettempdir()))
os.makedirs(os.path.join(t.name, "a", "b", "c"))
os.makedirs(os.path.join(t.name, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(t.name, "a"))
except FileExistsError as e:
    print("FileExistsError", e.errno)
with open(os.path.join(t.name, "a", "one.txt"), "w") as f:
    f.write("1")
os.rename(os.path.join(t.name, "a", "one.txt"), os.path.join(t.name, "a", "uno.txt"))
print(sorted(os.listdir(os.path.join(t.name, "a"))))
os.remove(os.path.join(t.name, "a", "uno.txt"))
os.rmdir(os.path.join(t.name, "a", "b", "c"))
print(sorted(os.listdir(os.path.join(t.name, "a"))), os.listdir(os.path.join(t.name, "a", "b")))
name = t.name
t.cleanup()
t.cleanup()
print(os.path.exists(name))

with tempfile.TemporaryDirectory(prefix="corpus_", suffix=".d") as d:
    base = os.path.basename(d)
    print(base.startswith("corpus_"), base.endswith(".d"), os.listdir(d))
    inner = tempfile.mkdtemp(dir=d)
    print(os.path.dirname(inner) == d, os.path.basename(inner).startswith("tmp"))
    with tempfile.TemporaryDirectory(dir=d) as nested:
        print(os.path.dirname(nested) == d, len(os.listdir(d)))
    print(len(os.listdir(d)))
print(os.path.exists(d), os.path.exists(inner))
