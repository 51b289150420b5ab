# A Semaphore(2) lets at most two threads into the block at once.
import threading
import time

slots = threading.Semaphore(2)
lock = threading.Lock()
inside = 0
most = 0


def job():
    global inside, most
    with slots:
        with lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)
        with lock:
            inside -= 1


threads = [threading.Thread(target=job) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("most at once:", most)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
print("non-blocking on an empty semaphore:", threading.Semaphore(0).acquire(blocking=False))
