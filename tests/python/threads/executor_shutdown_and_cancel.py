# shutdown(wait=True) lets submitted calls finish; a pending future can be cancelled.
import threading
import time
from concurrent.futures import CancelledError, ThreadPoolExecutor

gate = threading.Event()
pool = ThreadPoolExecutor(max_workers=1)
first = pool.submit(gate.wait)
second = pool.submit(pow, 2, 10)
print("cancel the queued one:", second.cancel(), second.cancelled())
try:
    second.result()
except CancelledError:
    print("result(): CancelledError")
print("cancel the running one:", first.cancel(), first.running())
gate.set()
print("first:", first.result())
pool.shutdown(wait=True)
try:
    pool.submit(print, "too late")
except RuntimeError as e:
    print("RuntimeError:", e)
with ThreadPoolExecutor(max_workers=2, thread_name_prefix="w") as named:
    names = set(named.map(lambda _: threading.current_thread().name.split("_")[0], range(4)))
print("thread names start with:", names)
