# One set() wakes every thread waiting on the event.
import threading

go = threading.Event()
woke = []
lock = threading.Lock()


def runner(name):
    go.wait()
    with lock:
        woke.append(name)


threads = [threading.Thread(target=runner, args=(n,)) for n in "abcd"]
for t in threads:
    t.start()
print("before set:", woke)
go.set()
for t in threads:
    t.join()
print("after set:", sorted(woke))
