# A read and a write in two statements race between threads; a lock around both does not.
import threading

counter = 0
lock = threading.Lock()


def add(times):
    global counter
    for _ in range(times):
        with lock:
            value = counter
            counter = value + 1


threads = [threading.Thread(target=add, args=(500,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter:", counter)
print("lock held now:", lock.locked())
