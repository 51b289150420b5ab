# time.sleep blocks only the thread that calls it: the others run, and wake in turn.
import threading
import time

order = []
lock = threading.Lock()


def nap(seconds):
    time.sleep(seconds)
    with lock:
        order.append(seconds)


threads = [threading.Thread(target=nap, args=(s,)) for s in (0.3, 0.1, 0.2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(order)
