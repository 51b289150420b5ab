# notify() wakes one waiter, notify_all() the rest.
import threading

cond = threading.Condition()
ready = []
woken = []


def waiter(n):
    with cond:
        ready.append(n)
        cond.wait()
        woken.append(n)


threads = [threading.Thread(target=waiter, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
while True:
    with cond:
        if len(ready) == 3:
            break
    threading.Event().wait(0.01)
with cond:
    cond.notify()
threading.Event().wait(0.05)
with cond:
    print("after notify():", len(woken), "woken")
    cond.notify_all()
for t in threads:
    t.join()
print("after notify_all():", sorted(woken))
