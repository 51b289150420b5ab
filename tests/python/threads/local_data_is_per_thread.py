# threading.local(): each thread sets and sees its own attributes.
import threading

data = threading.local()
data.name = "main's"
seen = {}


def worker(n):
    seen[n] = [hasattr(data, "name")]
    data.name = "worker %d's" % n
    threading.Event().wait(0.01)
    seen[n].append(data.name)


threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(seen)
print(data.name)
try:
    data.missing
except AttributeError as e:
    print("AttributeError:", e)
