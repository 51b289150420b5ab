# An RLock can be taken again by the thread that holds it; only that thread may release.
import threading

r = threading.RLock()
with r:
    with r:
        print("taken twice by the main thread")
errors = []
r.acquire()


def other():
    errors.append(r.acquire(blocking=False))
    try:
        r.release()
    except RuntimeError as e:
        errors.append(str(e))


t = threading.Thread(target=other)
t.start()
t.join()
r.release()
print(errors)
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
