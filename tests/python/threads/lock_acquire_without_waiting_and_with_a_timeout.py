# acquire(False) does not wait; acquire(timeout=t) waits at most t seconds; the errors.
import threading

lock = threading.Lock()
lock.acquire()
seen = []


def try_it():
    seen.append(lock.acquire(False))
    seen.append(lock.acquire(timeout=0.01))


t = threading.Thread(target=try_it)
t.start()
t.join()
print("while held by main:", seen)
lock.release()
print("free again:", lock.acquire(False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    lock.acquire(timeout=-2)
except ValueError as e:
    print("ValueError:", e)
