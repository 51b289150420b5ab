# Condition.wait_for(predicate) sleeps until another thread makes the predicate true.
import threading

cond = threading.Condition()
items = []


def consumer(out):
    with cond:
        cond.wait_for(lambda: len(items) >= 3)
        out.append(list(items))


got = []
c = threading.Thread(target=consumer, args=(got,))
c.start()
for i in range(3):
    with cond:
        items.append(i)
        cond.notify()
c.join()
print("consumer saw:", got)
with cond:
    print("wait_for with a timeout:", cond.wait_for(lambda: False, timeout=0.01))
