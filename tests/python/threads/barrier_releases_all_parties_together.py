# A Barrier(3) holds each arriving thread until the third arrives; then all go on.
import threading

barrier = threading.Barrier(3)
before = []
after = []
lock = threading.Lock()


def party(n):
    with lock:
        before.append(n)
    barrier.wait()
    with lock:
        after.append((n, len(before)))


threads = [threading.Thread(target=party, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(after))
print("parties:", barrier.parties, "waiting:", barrier.n_waiting, "broken:", barrier.broken)
lonely = threading.Barrier(2, timeout=0.01)
try:
    lonely.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError: nobody else came")
print("broken:", lonely.broken)
