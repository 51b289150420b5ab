# join(timeout) returns when the time is up, whether or not the thread has finished:
# is_alive() tells which.
import threading

release = threading.Event()


def worker():
    release.wait()


t = threading.Thread(target=worker)
t.start()
t.join(timeout=0.05)
print("after join(0.05): alive =", t.is_alive())
release.set()
t.join()
print("after join(): alive =", t.is_alive())
t.join(timeout=0)
print("joining a finished thread again returns at once")
