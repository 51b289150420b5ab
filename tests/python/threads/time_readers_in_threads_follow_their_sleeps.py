# Threads sleep at the same time: naps of 0.3, 0.6 and 0.3 s end after 0.6 s or a little
# more (never less), not after 1.2. Elapsed times measured in the threads and in the main
# thread, on one clock, say so.
import threading
import time

START = time.perf_counter()
lock = threading.Lock()
lines = []


def worker(name, seconds):
    t0 = time.perf_counter()
    time.sleep(seconds)
    mine = time.perf_counter() - t0
    done = time.perf_counter() - START
    with lock:
        lines.append(f"{name} slept at least {seconds} s: {mine >= seconds}; done {seconds}-{seconds + 0.3:.1f} s in: {seconds <= done < seconds + 0.3}")


threads = [threading.Thread(target=worker, args=(n, s)) for n, s in (("a", 0.3), ("b", 0.6), ("c", 0.3))]
for t in threads:
    t.start()
for t in threads:
    t.join()
for line in sorted(lines):
    print(line)
total = time.perf_counter() - START
print("all three overlapped:", 0.6 <= total < 1.2)
before = time.monotonic()
time.sleep(0.2)
print(f"then the main thread alone: {time.monotonic() - before:.1f} s")
