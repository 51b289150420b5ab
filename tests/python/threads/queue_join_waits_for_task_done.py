# Workers take jobs from a queue; join() returns once every job is marked task_done().
import queue
import threading

jobs = queue.Queue()
done = []
lock = threading.Lock()


def worker():
    while True:
        n = jobs.get()
        if n is None:
            jobs.task_done()
            return
        with lock:
            done.append(n * 10)
        jobs.task_done()


workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for n in range(8):
    jobs.put(n)
jobs.join()
print("all jobs done:", sorted(done))
for _ in workers:
    jobs.put(None)
for w in workers:
    w.join()
try:
    jobs.task_done()
except ValueError as e:
    print("ValueError:", e)
